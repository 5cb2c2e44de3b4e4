using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sprig.Data;

namespace Sprig.Distribution;

public sealed class SignalWriterOptions : BatchOptions;

/// <summary>What one request logs: the impressions of a served page, or client events with the interests they raise.</summary>
public sealed record SignalWrite(IReadOnlyList<Impression> Impressions, IReadOnlyList<FeedEvent> Events, IReadOnlyList<BuyerInterest> Interests);

/// <summary>
/// Impression and event logging, the feed's write hot path, batched like checkout: a node's requests queue up and one
/// writer logs them together in one transaction (bulk insert of the rows, one counter update per touched item, one
/// interest upsert), answering each request after the commit. A page of 20 impressions costs a share of a batch,
/// not 20 round trips; what an item earned from many buyers at once is one update of its row.
/// The writer is also where pool budgets are enforced exactly: with the items' rows locked (PostgreSQL) or the write
/// lock held (SQLite) it grants public impressions of pool items only up to the budget left, in arrival order, and
/// tells the feed which it refused, so the feed drops them from the page before anyone sees it. However many nodes
/// serve an item at once, its pool never serves more than its budget.
/// <para>
/// Its commits do not wait for the disk (SQLite synchronous=NORMAL on its connection, PostgreSQL synchronous_commit
/// off in its transaction): a log survives a process crash, and a power cut may take its last moments (SQLite: those
/// since the last durable commit or checkpoint; PostgreSQL: up to three WAL writer delays). The log is one sequence, so a
/// later durable commit, an order placed from an impression say, makes every earlier log write durable with it; a pool
/// that loses its last moments' impressions to a power cut serves them again, a few over its budget at worst. At 8 clients
/// on SQLite the fsync of each batch's commit was about a tenth of a feed's CPU.
/// </para>
/// </summary>
public sealed class SignalWriter(IDbContextFactory<SprigDb> dbs, IOptions<SignalWriterOptions> options, ILogger<SignalWriter> log)
    : BatchWriter<SignalWrite, IReadOnlySet<Guid>>(options.Value.Writers, options.Value.MaxBatch, log)
{
    private static readonly IReadOnlySet<Guid> None = new HashSet<Guid>();

    /// <summary>Logs a page's impressions; returns the ones refused because their pool's budget is spent.</summary>
    public Task<IReadOnlySet<Guid>> ImpressionsAsync(IReadOnlyList<Impression> impressions, CancellationToken ct) =>
        impressions.Count == 0 ? Task.FromResult(None) : EnqueueAsync(new SignalWrite(impressions, [], []), ct);

    public Task EventsAsync(IReadOnlyList<FeedEvent> events, IReadOnlyList<BuyerInterest> interests, CancellationToken ct) =>
        EnqueueAsync(new SignalWrite([], events, interests), ct);

    protected override async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken stop)
    {
        await using var db = await dbs.CreateDbContextAsync(stop);
        // the log's commits do not wait for the disk: synchronous is per SQLite connection, so this one goes back to the pool with FULL again
        if (!db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(stop);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL", stop);
        }
        try
        {
            await LogAsync(db, batch, stop);
        }
        finally
        {
            if (!db.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task LogAsync(SprigDb db, IReadOnlyList<Pending> batch, CancellationToken stop)
    {
        await using var tx = await db.Database.BeginTransactionAsync(stop);
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", stop);
        var all = batch.SelectMany(p => p.Item.Impressions).ToList();
        var events = batch.SelectMany(p => p.Item.Events).ToList();
        // every item this batch touches, locked once in id order (PostgreSQL), so two nodes' writers never deadlock
        var touched = all.Select(i => i.ItemId).Concat(events.Select(e => e.ItemId)).Distinct().Order().ToArray();
        var (refused, shops) = await RefusedAsync(db, all, touched, stop);
        var impressions = refused.Count == 0 ? all : all.Where(i => !refused.Contains(i.Id)).ToList();
        await BulkInsert.InsertAsync(db, impressions, stop);
        await BulkInsert.InsertAsync(db, events, stop);
        await Analytics.Facts.AddAsync(db, await FactsAsync(db, impressions, events, shops, stop), stop);

        var deltas = new Dictionary<Guid, CounterDelta>();
        foreach (var i in impressions) deltas[i.ItemId] = deltas.GetValueOrDefault(i.ItemId) + new CounterDelta { Impressions = 1 };
        foreach (var e in events)
        {
            var d = e.Type switch
            {
                FeedEventType.Click => new CounterDelta { Clicks = 1 },
                FeedEventType.Watch => new CounterDelta { Watches = 1 },
                FeedEventType.Complete => new CounterDelta { Completions = 1 },
                _ => default,
            };
            if (d != default) deltas[e.ItemId] = deltas.GetValueOrDefault(e.ItemId) + d;
        }
        await FeedCounters.BumpAsync(db, deltas, stop, locked: db.IsPostgres);

        var interests = batch.SelectMany(p => p.Item.Interests)
            .GroupBy(i => (i.BuyerId, i.CategoryId))
            .Select(g => new BuyerInterest { BuyerId = g.Key.BuyerId, CategoryId = g.Key.CategoryId, Weight = g.Sum(i => i.Weight), UpdatedAt = g.Max(i => i.UpdatedAt) })
            .ToList();
        await BulkInsert.ApplyAsync(db, interests, source => $"""
            INSERT INTO "BuyerInterests" ("BuyerId", "CategoryId", "Weight", "UpdatedAt")
            SELECT s."BuyerId", s."CategoryId", s."Weight", s."UpdatedAt" FROM {source} AS s WHERE true
            ON CONFLICT ("BuyerId", "CategoryId") DO UPDATE SET "Weight" = "BuyerInterests"."Weight" + excluded."Weight", "UpdatedAt" = excluded."UpdatedAt"
            """, stop);
        await tx.CommitAsync(stop);
        foreach (var p in batch)
            p.Complete(refused.Count == 0 || p.Item.Impressions.Count == 0 ? None : p.Item.Impressions.Where(i => refused.Contains(i.Id)).Select(i => i.Id).ToHashSet());
    }

    /// <summary>
    /// Locks the batch's items (PostgreSQL, in the id order given) and reads their pools; returns the public impressions of pool
    /// items past the budget left. Every impression of a pool item counts toward its budget; only public ones can be refused.
    /// </summary>
    private static async Task<(HashSet<Guid> Refused, Dictionary<Guid, Guid?> Shops)> RefusedAsync(SprigDb db, List<Impression> impressions, Guid[] ids, CancellationToken ct)
    {
        var refused = new HashSet<Guid>();
        if (ids.Length == 0) return (refused, []);
        // a plain command: this runs for every batch, and EF's query pipeline cost more than the rows it reads
        await using var cmd = PlainCommand.Create(db);
        cmd.CommandText = $"""
            SELECT "Id", "ShopId", "PoolLevel", "PoolBudget", "PoolServed" FROM "FeedItems" WHERE {PlainCommand.In(cmd, "\"Id\"", ids)}
            """ + (db.IsPostgres ? """ ORDER BY "Id" FOR UPDATE""" : "");
        var pools = new Dictionary<Guid, PoolState>(ids.Length);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                pools[r.GetGuid(0)] = new PoolState(r.GetGuid(0), PlainCommand.NullableGuid(r, 1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4));
        var left = pools.Values.Where(p => p.PoolLevel >= 0).ToDictionary(p => p.Id, p => p.PoolBudget - p.PoolServed);
        // private impressions first: friends and follows are shown whatever the pool, and they use up its budget too
        foreach (var i in impressions.Where(i => i.Source == TrafficSource.Private))
            if (left.ContainsKey(i.ItemId)) left[i.ItemId]--;
        foreach (var i in impressions.Where(i => i.Source == TrafficSource.Public))
        {
            if (!left.TryGetValue(i.ItemId, out var n)) continue;
            if (n <= 0) refused.Add(i.Id);
            else left[i.ItemId] = n - 1;
        }
        return (refused, pools.Values.ToDictionary(p => p.Id, p => p.ShopId));
    }

    private sealed record PoolState(Guid Id, Guid? ShopId, int PoolLevel, int PoolBudget, int PoolServed);

    /// <summary>
    /// The batch as analytics facts: one per kind, item and traffic source, counting its events (an event takes the
    /// source of the impression it came from). Keyed by the batch, so the batch's facts exist exactly when it commits.
    /// </summary>
    private static async Task<List<Analytics.Fact>> FactsAsync(SprigDb db, List<Impression> impressions, List<FeedEvent> events,
        Dictionary<Guid, Guid?> shops, CancellationToken ct)
    {
        var fromImpressions = events.Where(e => e.ImpressionId is not null).Select(e => e.ImpressionId!.Value).Distinct().ToArray();
        var sources = fromImpressions.Length == 0 ? []
            : await db.Impressions.AsNoTracking().Where(i => EF.Parameter(fromImpressions).Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Source, ct);
        var signals = impressions.Select(i => (Kind: Analytics.FactKind.Impression, i.ItemId, i.Source, i.ServedAt))
            .Concat(events.Select(e => (Kind: e.Type switch
            {
                FeedEventType.Click => Analytics.FactKind.Click,
                FeedEventType.View => Analytics.FactKind.ProductView,
                FeedEventType.Watch => Analytics.FactKind.Watch,
                FeedEventType.Complete => Analytics.FactKind.Complete,
                _ => Analytics.FactKind.AddToCart,
            }, e.ItemId, Source: e.ImpressionId is { } i && sources.TryGetValue(i, out var s) ? s : TrafficSource.Public, ServedAt: e.At)));
        var batch = Kernel.Ids.New();
        return signals.GroupBy(x => (x.Kind, x.ItemId, x.Source))
            .Select(g => Analytics.Facts.New($"sig:{batch}:{g.Key.Kind}:{g.Key.ItemId}:{g.Key.Source}", g.Key.Kind, g.Max(x => x.ServedAt),
                shopId: shops.GetValueOrDefault(g.Key.ItemId), itemId: g.Key.ItemId, source: g.Key.Source, count: g.Count()))
            .ToList();
    }
}
