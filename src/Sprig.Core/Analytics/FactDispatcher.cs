using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Ordering;

namespace Sprig.Analytics;

/// <summary>
/// The outbox's reading side: reads the facts past its cursor in batches, in (TxId, Seq) order and on PostgreSQL only
/// those of transactions older than every transaction still running (so none can later appear behind the cursor; see
/// <see cref="Fact.TxId"/>), completes them from the records they point at (an order's scene, buyer, item, creator and
/// traffic source; a fee's programs; a subsidy's coupons and campaigns), folds them into the rollups as increments
/// and moves the cursor, all in one transaction. The cursor's row lock is the lease: on every node the job tries, one
/// folds (the others skip the round). A batch that fails leaves the cursor where it was; a batch that commits has
/// counted each of its facts exactly once. Fact rows are never written again, so folding costs reads, not rewrites.
/// </summary>
public sealed class FactDispatcher(IDbContextFactory<SprigDb> dbs, ILogger<FactDispatcher> log)
{
    public const int DefaultBatch = 5_000;

    /// <summary>
    /// Dispatches until nothing is waiting; returns how many facts it folded. With <paramref name="catchUp"/> it also
    /// waits (up to a few seconds) for facts already committed but held back by a transaction still running elsewhere,
    /// for callers that want the figures of everything before them.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct = default, int batchSize = DefaultBatch, bool catchUp = false)
    {
        var total = 0;
        var until = Environment.TickCount64 + 10_000;
        while (true)
        {
            var (folded, waiting) = await DispatchBatchAsync(batchSize, ct);
            total += folded;
            if (folded == batchSize) continue;
            if (!catchUp || !waiting || Environment.TickCount64 > until) return total;
            await Task.Delay(50, ct);
        }
    }

    /// <summary>What the fold reads of a fact: everything but its key, the longest column, which only the door needs.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Fact, Fact>> Folded = f => new Fact
    {
        Seq = f.Seq, TxId = f.TxId, Key = "", Kind = f.Kind, At = f.At, ShopId = f.ShopId, BuyerId = f.BuyerId, OrderId = f.OrderId,
        ItemId = f.ItemId, CreatorId = f.CreatorId, Scene = f.Scene, Source = f.Source, Amount = f.Amount, Gmv = f.Gmv, Count = f.Count,
    };

    /// <summary>One batch; says how many it folded and whether committed facts are still waiting past the cursor.</summary>
    public async Task<(int Folded, bool Waiting)> DispatchBatchAsync(int batchSize, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cursor = await LeaseAsync(db, ct);
        if (cursor is null) return (0, true); // another node is folding

        var size = batchSize;
        List<Fact> facts;
        if (db.IsPostgres)
        {
            facts = await db.Facts.FromSql($"""
                SELECT * FROM "Facts"
                WHERE ("TxId", "Seq") > ({cursor.TxId}, {cursor.Seq})
                  AND "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY "TxId", "Seq" LIMIT {size}
                """).AsNoTracking().Select(Folded).ToListAsync(ct);
        }
        else
        {
            var after = cursor.Seq;
            facts = await db.Facts.AsNoTracking().Where(f => f.Seq > after).OrderBy(f => f.Seq).Take(size).Select(Folded).ToListAsync(ct);
        }
        if (facts.Count == 0)
        {
            var after = cursor.Seq;
            var waiting = db.IsPostgres && await db.Facts.AnyAsync(f => f.TxId > cursor.TxId || (f.TxId == cursor.TxId && f.Seq > after), ct);
            return (0, waiting);
        }

        var read = Stopwatch.GetElapsedTime(started);
        await CompleteAsync(db, facts, ct);
        var fold = new RollupFold();
        await fold.AddAsync(db, facts, ct);
        var folded = Stopwatch.GetElapsedTime(started);
        await fold.WriteAsync(db, ct);
        var written = Stopwatch.GetElapsedTime(started);

        var last = facts[^1];
        await db.FactCursors.Where(c => c.Name == FactCursor.Rollups)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TxId, last.TxId).SetProperty(c => c.Seq, last.Seq), ct);
        await tx.CommitAsync(ct);
        log.LogDebug("Dispatched {Count} facts: read {Read} ms, completed and summed {Fold} ms, rollups written {Write} ms, committed {Commit} ms",
            facts.Count, (int)read.TotalMilliseconds, (int)(folded - read).TotalMilliseconds, (int)(written - folded).TotalMilliseconds,
            (int)(Stopwatch.GetElapsedTime(started) - written).TotalMilliseconds);
        return (facts.Count, false);
    }

    /// <summary>The cursor (seeded by the migration), locked until the transaction ends (on PostgreSQL skipped if another node holds it; SQLite's write lock is one at a time anyway).</summary>
    private static async Task<FactCursor?> LeaseAsync(SprigDb db, CancellationToken ct)
    {
        var name = FactCursor.Rollups;
        return db.IsPostgres
            ? (await db.FactCursors.FromSql($"""SELECT * FROM "FactCursors" WHERE "Name" = {name} FOR UPDATE SKIP LOCKED""").AsNoTracking().ToListAsync(ct)).FirstOrDefault()
            : await db.FactCursors.AsNoTracking().FirstAsync(c => c.Name == name, ct);
    }

    /// <summary>Order facts carry only the order: the dimensions come from the order, snapshotted when it was placed.</summary>
    private static async Task CompleteAsync(SprigDb db, List<Fact> facts, CancellationToken ct)
    {
        var orderIds = facts.Where(f => f.OrderId is not null).Select(f => f.OrderId!.Value).Distinct().ToArray();
        if (orderIds.Length == 0) return;
        var orders = await db.Orders.AsNoTracking().Where(o => EF.Parameter(orderIds).Contains(o.Id))
            .Select(o => new { o.Id, o.ShopId, o.BuyerId, o.Scene, o.ImpressionId, o.ContentId, o.CreatorId, Gmv = o.Original + o.Freight })
            .ToDictionaryAsync(o => o.Id, ct);
        var impressionIds = orders.Values.Select(o => Guid.TryParse(o.ImpressionId, out var i) ? i : Guid.Empty).Where(i => i != Guid.Empty).Distinct().ToArray();
        var impressions = impressionIds.Length == 0 ? []
            : await db.Impressions.AsNoTracking().Where(i => EF.Parameter(impressionIds).Contains(i.Id))
                .Select(i => new { i.Id, i.ItemId, i.Source }).ToDictionaryAsync(i => i.Id, ct);
        foreach (var f in facts)
        {
            if (f.OrderId is not { } id || !orders.TryGetValue(id, out var o)) continue;
            var shown = Guid.TryParse(o.ImpressionId, out var imp) && impressions.TryGetValue(imp, out var i) ? i : null;
            f.ShopId ??= o.ShopId;
            f.BuyerId = o.BuyerId;
            f.Scene = o.Scene;
            f.CreatorId = o.CreatorId;
            f.ItemId = shown?.ItemId ?? (Guid.TryParse(o.ContentId, out var content) ? content : null);
            f.Source = shown?.Source ?? TrafficSources.OfScene(o.Scene);
            if (f.Kind == FactKind.OrderPaid) f.Gmv = o.Gmv;
        }
    }
}

/// <summary>Public or private traffic, when no impression says.</summary>
public static class TrafficSources
{
    /// <summary>Shares, official accounts and mini programs are the shop's own (private) traffic; everything else the platform's.</summary>
    public static TrafficSource OfScene(Scene scene) =>
        scene is Scene.Share or Scene.OfficialAccount or Scene.MiniProgram ? TrafficSource.Private : TrafficSource.Public;
}
