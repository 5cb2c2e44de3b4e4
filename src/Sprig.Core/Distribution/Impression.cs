namespace Sprig.Distribution;

public enum FeedTab { Recommended, Friends, Following, Search, Shelf }

public enum TrafficSource { Public, Private }

/// <summary>
/// One item served to one buyer, and why. Its id travels with the click into the order, which snapshots the pool,
/// content and scene from it. Logged in its page's row (<see cref="ServedPage"/>), read back by <see cref="ImpressionLog"/>.
/// </summary>
public sealed class Impression
{
    public Guid Id { get; init; }
    public Guid BuyerId { get; init; }
    public Guid ItemId { get; init; }
    public FeedItemKind Kind { get; init; }
    public Guid? ShopId { get; init; }
    public Guid? ProductId { get; init; }
    public FeedTab Tab { get; init; }
    public TrafficSource Source { get; init; }
    /// <summary>The pool that paid for it ("coldStart", "tier1" ..., "brand", "organic"), if public.</summary>
    public string? Pool { get; init; }
    public int FriendsLiked { get; init; }
    public string? Boost { get; init; }
    public int Position { get; init; }
    public DateTimeOffset ServedAt { get; init; }
}
