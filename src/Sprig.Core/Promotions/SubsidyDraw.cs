namespace Sprig.Promotions;

/// <summary>
/// What one order line drew from a subsidy budget (a platform coupon's share or a campaign's): the record a
/// cancel or refund returns from, and the promotion report sums.
/// </summary>
public sealed class SubsidyDraw
{
    public Guid Id { get; init; }
    public Guid BudgetId { get; init; }
    public Guid OrderId { get; init; }
    public Guid LineId { get; init; }
    /// <summary>The coupon or campaign the subsidy came from.</summary>
    public Guid SourceId { get; init; }
    public long Amount { get; init; }
    /// <summary>Given back to the budget by a cancel or refunds.</summary>
    public long Returned { get; set; }
    public DateTimeOffset At { get; init; }
}
