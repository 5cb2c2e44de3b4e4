namespace Sprig.Catalog.Search;

/// <summary>Configuration of the shelf's search (section <c>Sprig:Search</c>); docs/decisions/0006 explains the blend.</summary>
public sealed class ShelfOptions
{
    /// <summary>How often each node reads the change feed (real time, not the business clock).</summary>
    public int PollMilliseconds { get; set; } = 500;
    /// <summary>How often sales, GPM and stock are read again (they change with every order, not through the feed).</summary>
    public int StatsSeconds { get; set; } = 30;
    /// <summary>Units paid within this many days count as the product's sales (月销).</summary>
    public int SalesDays { get; set; } = 30;
    /// <summary>score = text × (1 + SalesWeight·ln(1 + sales) + GpmWeight·ln(1 + GPM in yuan)).</summary>
    public double SalesWeight { get; set; } = 0.1;
    public double GpmWeight { get; set; } = 0.05;
    /// <summary>Impressions added to a product's own before dividing its GMV by them, so a few lucky impressions don't make a huge GPM.</summary>
    public long GpmPriorImpressions { get; set; } = 500;
    /// <summary>Change-feed rows older than this are deleted (a node that starts reads the tables, not the feed).</summary>
    public int ChangeRetentionHours { get; set; } = 24 * 7;
    /// <summary>How long a search waits for a node's first index build before answering 503.</summary>
    public int ReadyTimeoutSeconds { get; set; } = 30;
}
