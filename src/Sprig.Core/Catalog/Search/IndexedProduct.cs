namespace Sprig.Catalog.Search;

/// <summary>What the index keeps of a listed product of an open shop, read from the tables by <see cref="ShelfReads"/>.</summary>
public sealed record IndexedProduct(
    Guid Id, Guid ShopId, string ShopName, Guid CategoryId,
    /// <summary>The category and its ancestors, so a filter on a parent finds products of every leaf below it.</summary>
    IReadOnlyList<Guid> CategoryPath,
    /// <summary>Chinese and English names of the category and its ancestors.</summary>
    string CategoryText,
    string Title, string? Description, string SkuText, long MinPrice, DateTimeOffset ListedAt,
    /// <summary>Free stock of all SKUs when read; kept current afterwards by the stats refresh.</summary>
    long Stock);

/// <summary>The counters that move with orders and impressions rather than with the listing; refreshed on a timer.</summary>
public readonly record struct ShelfStats(long Sales, long Gpm, long Stock)
{
    /// <summary>GMV per 1,000 impressions in fen, with <paramref name="prior"/> impressions added so a handful of impressions can't make a huge GPM.</summary>
    public static long GpmOf(long gmv, long impressions, long prior) =>
        gmv <= 0 ? 0 : (long)Math.Min(long.MaxValue / 2, gmv * 1000.0 / Math.Max(1, impressions + prior));
}
