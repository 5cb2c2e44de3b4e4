using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Ordering;

namespace Sprig.Analytics;

/// <summary>
/// The outbox's reading side: takes undispatched facts in batches (on PostgreSQL claimed with FOR UPDATE SKIP LOCKED,
/// so every node can run it), completes them from the records they point at (an order's scene, buyer, item, creator
/// and traffic source; a fee's programs; a subsidy's coupons and campaigns), folds them into the rollups as
/// increments, and marks them dispatched, all in one transaction. A batch that fails leaves its facts for the next
/// try; a batch that commits has counted each fact exactly once.
/// </summary>
public sealed class FactDispatcher(IDbContextFactory<SprigDb> dbs, TimeProvider clock, ILogger<FactDispatcher> log)
{
    public const int DefaultBatch = 5_000;

    /// <summary>Dispatches until nothing is waiting; returns how many facts it folded.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default, int batchSize = DefaultBatch)
    {
        var total = 0;
        while (true)
        {
            var n = await DispatchBatchAsync(batchSize, ct);
            total += n;
            if (n < batchSize) return total;
        }
    }

    public async Task<int> DispatchBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var size = batchSize;
        var facts = db.IsPostgres
            ? await db.Facts.FromSql($"""SELECT * FROM "Facts" WHERE "DispatchedAt" IS NULL ORDER BY "Id" LIMIT {size} FOR UPDATE SKIP LOCKED""").AsNoTracking().ToListAsync(ct)
            : await db.Facts.AsNoTracking().Where(f => f.DispatchedAt == null).OrderBy(f => f.Id).Take(size).ToListAsync(ct);
        if (facts.Count == 0) return 0;

        await CompleteAsync(db, facts, ct);
        var fold = new RollupFold();
        await fold.AddAsync(db, facts, ct);
        await fold.WriteAsync(db, ct);

        var ids = facts.Select(f => f.Id).ToArray();
        var now = clock.GetUtcNow();
        await db.Facts.Where(f => EF.Parameter(ids).Contains(f.Id)).ExecuteUpdateAsync(u => u.SetProperty(f => f.DispatchedAt, now), ct);
        await tx.CommitAsync(ct);
        log.LogDebug("Dispatched {Count} facts", facts.Count);
        return facts.Count;
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
