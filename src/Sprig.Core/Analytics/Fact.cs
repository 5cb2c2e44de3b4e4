using Sprig.Distribution;
using Sprig.Ordering;

namespace Sprig.Analytics;

public enum FactKind
{
    Impression, Click, ProductView, AddToCart, Watch, Complete,
    OrderPlaced, OrderPaid, Refunded, Subsidy, Fee,
    Like, Share, Follow, LiveJoin, LiveLeave,
}

/// <summary>
/// One business fact, written by the module where it happened in the same transaction as the change itself (the
/// outbox), under a key of that event's own, unique: a retried event is refused at the door and counted once. The
/// dispatcher folds undispatched facts into the rollups and marks them, in one transaction, so no fact is lost
/// when a node dies after the commit and none is counted twice. The rows stay, as the facts store that exports and
/// the DuckDB comparison read.
/// </summary>
public sealed class Fact
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public FactKind Kind { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid? ShopId { get; set; }
    public Guid? BuyerId { get; set; }
    public Guid? OrderId { get; init; }
    /// <summary>The feed item (content or product) it concerns or that brought the order.</summary>
    public Guid? ItemId { get; set; }
    public Guid? CreatorId { get; set; }
    public Scene? Scene { get; set; }
    public TrafficSource? Source { get; set; }
    /// <summary>Fen: the amount paid, refunded, drawn or charged (signed: a subsidy returned is negative).</summary>
    public long Amount { get; set; }
    /// <summary>GMV of a paid order (original + freight), in fen.</summary>
    public long Gmv { get; set; }
    /// <summary>How many events of this kind the fact stands for (impressions are logged per batch and item).</summary>
    public int Count { get; init; } = 1;
    public DateTimeOffset? DispatchedAt { get; set; }
}
