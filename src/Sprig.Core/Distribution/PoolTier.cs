namespace Sprig.Distribution;

/// <summary>
/// A traffic pool tier (operator data). An item entering it is guaranteed <see cref="Budget"/> impressions; once they
/// are served the review promotes it to the next tier when every rate beats its threshold (a threshold of 0 asks
/// nothing), and otherwise leaves it to organic traffic. Rates are in basis points of impressions (completion of
/// watches); GPM is GMV in fen per 1,000 impressions.
/// </summary>
public sealed class PoolTier
{
    public int Level { get; init; }
    public required string Name { get; set; }
    public int Budget { get; set; }
    public int MinCtrBps { get; set; }
    public int MinCompletionBps { get; set; }
    public int MinLikeBps { get; set; }
    public int MinShareBps { get; set; }
    public int MinCvrBps { get; set; }
    public long MinGpm { get; set; }
    public int Version { get; set; }
}
