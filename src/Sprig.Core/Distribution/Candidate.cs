namespace Sprig.Distribution;

/// <summary>What the feed needs of an item to rank and serve it; a row of <see cref="FeedItem"/> without its counters.</summary>
public sealed record Candidate(
    Guid Id, FeedItemKind Kind, Guid? ShopId, Guid? AuthorId, Guid? ProductId, Guid? CategoryId, string Title,
    bool IsBrand, bool OnAir, int PoolLevel, int PoolBudget, int PoolServed, double Score, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Its place among the distinct items of the node's lists that hold it (-1 elsewhere), and its category's: a page
    /// marks the buyer's seen items, friends' signals and interests by place once, instead of hashing every candidate.
    /// </summary>
    public int Slot { get; init; } = -1;
    public int CategorySlot { get; init; } = -1;

    /// <summary>Whose item it is for the page rule "at most N of one shop": the shop, or a shopless creator.</summary>
    public Guid Owner => ShopId ?? AuthorId ?? Id;

    public bool InPool => PoolLevel >= 0;

    public static IQueryable<Candidate> From(IQueryable<FeedItem> items) => items.Select(f => new Candidate(
        f.Id, f.Kind, f.ShopId, f.AuthorId, f.ProductId, f.CategoryId, f.Title, f.IsBrand, f.OnAir, f.PoolLevel, f.PoolBudget, f.PoolServed,
        f.Score, f.CreatedAt));
}
