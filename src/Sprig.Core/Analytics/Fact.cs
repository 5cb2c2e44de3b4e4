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
/// dispatcher reads facts in (<see cref="TxId"/>, <see cref="Seq"/>) order past its cursor and folds them into the
/// rollups, moving the cursor in the same transaction, so no fact is lost when a node dies after the commit and none
/// is counted twice; a fact row is never written again. The rows stay, as the facts store.
/// </summary>
public sealed class Fact
{
    /// <summary>Given by the database at insert.</summary>
    public long Seq { get; init; }
    /// <summary>
    /// On PostgreSQL the writing transaction's id (<c>pg_current_xact_id()</c>, set by the database): the dispatcher
    /// reads only facts of transactions older than every one still running, so none can appear behind its cursor.
    /// Always 0 on SQLite, whose one writer at a time commits in <see cref="Seq"/> order.
    /// </summary>
    public long TxId { get; init; }
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
}

/// <summary>How far the rollups have folded the facts. One row; its lock is the dispatch lease (one node at a time folds).</summary>
public sealed class FactCursor
{
    public const string Rollups = "rollups";

    public required string Name { get; init; }
    public long TxId { get; set; }
    public long Seq { get; set; }
}
