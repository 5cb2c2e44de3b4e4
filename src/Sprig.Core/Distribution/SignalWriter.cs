using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sprig.Data;

namespace Sprig.Distribution;

public sealed class SignalWriterOptions : BatchOptions
{
    /// <summary>
    /// How often (real time) the node's <see cref="ImpressionTally"/> is written: the items' impression counters and
    /// scores, and the impression facts, trail the log by about this.
    /// </summary>
    public int TallyMilliseconds { get; set; } = 1_000;
    /// <summary>
    /// Items' sums written in one transaction: a second's tally is a thousand or more of them, and written at once it held
    /// every page's log behind it for tens of milliseconds; in parts, pages' logs go in between.
    /// </summary>
    public int TallyPart { get; set; } = 100;
}

/// <summary>
/// What one request logs: the impressions of a served page (with the items that were in a pool when the page picked
/// them, whose budgets they draw on), client events with the interests they raise, or a part of the node's tally.
/// </summary>
public sealed record SignalWrite(IReadOnlyList<Impression> Impressions, IReadOnlyList<FeedEvent> Events, IReadOnlyList<BuyerInterest> Interests,
    IReadOnlyCollection<Guid> PoolItems, IReadOnlyList<ImpressionTally.Sum> Sums);

/// <summary>
/// Impression and event logging, the feed's write hot path, batched like checkout: a node's requests queue up and one
/// writer logs them together in one transaction (bulk insert of the rows, one counter update per touched item, one
/// interest upsert), answering each request after the commit. A page of 20 impressions costs a share of a batch,
/// not 20 round trips; what an item earned from many buyers at once is one update of its row.
/// The writer is also where pool budgets are enforced exactly: with the pool items' rows locked (PostgreSQL) or the write
/// lock held (SQLite) it grants public impressions of pool items only up to the budget left, in arrival order, and
/// tells the feed which it refused, so the feed drops them from the page before anyone sees it. However many nodes
/// serve an item at once, its pool never serves more than its budget.
/// <para>
/// Only the pool items' rows are touched with the log. The lifetime impression counters, the scores they move and the
/// impression facts are summed in the node's <see cref="ImpressionTally"/> and written once a second
/// (<see cref="SignalWriterOptions.TallyMilliseconds"/>), before anything on this node reads them (an item's stats, the
/// pool review, the analytics dispatch) and when the node stops. A process crash loses up to that second of those sums;
/// the impressions themselves, the budgets and the reviews they trigger are in the log.
/// </para>
/// <para>
/// Its commits do not wait for the disk (SQLite synchronous=NORMAL on its connection, PostgreSQL synchronous_commit
/// off in its transaction): a log survives a process crash, and a power cut may take its last moments (SQLite: those
/// since the last durable commit or checkpoint; PostgreSQL: up to three WAL writer delays). The log is one sequence, so a
/// later durable commit, an order placed from an impression say, makes every earlier log write durable with it; a pool
/// that loses its last moments' impressions to a power cut serves them again, a few over its budget at worst. At 8 clients
/// on SQLite the fsync of each batch's commit was about a tenth of a feed's CPU.
/// </para>
/// </summary>
public sealed class SignalWriter(IDbContextFactory<SprigDb> dbs, ImpressionTally tally, IOptions<SignalWriterOptions> options, ILogger<SignalWriter> log)
    : BatchWriter<SignalWrite, IReadOnlySet<Guid>>(options.Value.Writers, options.Value.MaxBatch, log)
{
    private static readonly IReadOnlySet<Guid> None = new HashSet<Guid>();
    private readonly int _tallyMilliseconds = Math.Max(1, options.Value.TallyMilliseconds);
    private readonly int _tallyPart = Math.Max(1, options.Value.TallyPart);
    // one flush at a time: the timer's, a reader's and the stopping node's would otherwise split one second's sums
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private static readonly TimeSpan LastFlushTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _stopping = new();
    private Task? _lastFlush;

    /// <summary>
    /// Logs a page's impressions; returns the ones refused because their pool's budget is spent. <paramref name="poolItems"/>
    /// are the items the page took from a pool: only their budgets are checked and drawn on here.
    /// </summary>
    public Task<IReadOnlySet<Guid>> ImpressionsAsync(IReadOnlyList<Impression> impressions, IReadOnlyCollection<Guid> poolItems, CancellationToken ct) =>
        impressions.Count == 0 ? Task.FromResult(None) : EnqueueAsync(new SignalWrite(impressions, [], [], poolItems, []), ct);

    public Task EventsAsync(IReadOnlyList<FeedEvent> events, IReadOnlyList<BuyerInterest> interests, CancellationToken ct) =>
        EnqueueAsync(new SignalWrite([], events, interests, [], []), ct);

    /// <summary>
    /// Writes the node's tally (the impressions logged so far) to the items' counters and to analytics, in parts of
    /// <see cref="SignalWriterOptions.TallyPart"/> items, each in the next batch of the log. A part that cannot be written
    /// goes back to the tally for the next flush.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var sums = tally.Take();
            for (var at = 0; at < sums.Count; at += _tallyPart)
            {
                var part = sums.Skip(at).Take(_tallyPart).ToList();
                try
                {
                    await EnqueueAsync(new SignalWrite([], [], [], [], part), ct);
                }
                catch
                {
                    tally.Restore(sums.Skip(at));
                    throw;
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stop) => Task.WhenAll(base.ExecuteAsync(stop), FlushEveryAsync(stop));

    /// <summary>The tally, once a period of real time while the node logs anything.</summary>
    private async Task FlushEveryAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_tallyMilliseconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (tally.Count == 0) continue;
                try
                {
                    await FlushAsync(stop);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    log.LogWarning(e, "Writing the impression tally failed; it is kept for the next try");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A node that stops writes its tally first, before the writer stops. The host may ask a service to stop more than
    /// once: every call waits for the one flush, so none stops the writer under it.
    /// </summary>
    public override async Task StopAsync(CancellationToken ct)
    {
        Task flush;
        lock (_stopping) flush = _lastFlush ??= FlushBeforeStopAsync();
        await flush;
        await base.StopAsync(ct);
    }

    private async Task FlushBeforeStopAsync()
    {
        if (tally.Count == 0) return;
        try
        {
            // not the host's token: cancelled, it would leave the part being written without an answer
            await FlushAsync(CancellationToken.None).WaitAsync(LastFlushTimeout);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Writing the impression tally while stopping failed; up to a second of impression counts is lost");
        }
    }

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
                try
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", CancellationToken.None);
                }
                catch (Exception e)
                {
                    // not back to the pool as it is: another module's commits on it would not wait for the disk
                    log.LogWarning(e, "Setting synchronous back to FULL failed; the connection is dropped");
                    SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
                }
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task LogAsync(SprigDb db, IReadOnlyList<Pending> batch, CancellationToken stop)
    {
        await using var tx = await db.Database.BeginTransactionAsync(stop);
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", stop);
        var all = batch.SelectMany(p => p.Item.Impressions).ToList();
        var events = batch.SelectMany(p => p.Item.Events).ToList();
        var pooled = batch.SelectMany(p => p.Item.PoolItems).ToHashSet();
        var sums = batch.SelectMany(p => p.Item.Sums).ToList();
        // the rows this batch reads: pool items (their budgets) and events' items (their shops). On PostgreSQL the tally's
        // items too, so every row the batch updates is locked once, in id order, and two nodes' writers never deadlock
        var read = pooled.Concat(events.Select(e => e.ItemId)).Concat(db.IsPostgres ? sums.Select(s => s.ItemId) : []).Distinct().Order().ToArray();
        var (refused, shops) = await RefusedAsync(db, all.Where(i => pooled.Contains(i.ItemId)), read, stop);
        var impressions = refused.Count == 0 ? all : all.Where(i => !refused.Contains(i.Id)).ToList();
        // one row a page: its impressions share the page's id but for their slot
        await BulkInsert.InsertAsync(db, impressions.GroupBy(i => ServedPage.PageOf(i.Id, out _)).Select(page => ServedPage.Of(page.ToList())).ToList(), stop);
        await BulkInsert.InsertAsync(db, events, stop);
        await Analytics.Facts.AddAsync(db, await FactsAsync(db, sums, events, shops, stop), stop);

        var deltas = new Dictionary<Guid, CounterDelta>();
        foreach (var i in impressions)
            if (pooled.Contains(i.ItemId)) deltas[i.ItemId] = deltas.GetValueOrDefault(i.ItemId) + new CounterDelta { PoolServed = 1 };
        foreach (var s in sums) deltas[s.ItemId] = deltas.GetValueOrDefault(s.ItemId) + new CounterDelta { Impressions = s.Count };
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
        // the tally counts what is in the log: a batch that failed counts nothing, and is logged again alone
        tally.Add(impressions);
        foreach (var p in batch)
            p.Complete(refused.Count == 0 || p.Item.Impressions.Count == 0 ? None : p.Item.Impressions.Where(i => refused.Contains(i.Id)).Select(i => i.Id).ToHashSet());
    }

    /// <summary>
    /// Locks the rows the batch updates (PostgreSQL, in the id order given) and reads their pools; returns the public impressions of
    /// pool items past the budget left, and the items' shops. Every impression of a pool item counts toward its budget; only public
    /// ones can be refused.
    /// </summary>
    private static async Task<(HashSet<Guid> Refused, Dictionary<Guid, Guid?> Shops)> RefusedAsync(SprigDb db, IEnumerable<Impression> impressions, Guid[] ids, CancellationToken ct)
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
    /// The batch as analytics facts: the tally's impressions, one per item and traffic source, and the events, one per
    /// kind, item and source (an event takes the source of the impression it came from). Keyed by the batch, so they exist
    /// exactly when it commits.
    /// </summary>
    private static async Task<List<Analytics.Fact>> FactsAsync(SprigDb db, List<ImpressionTally.Sum> sums, List<FeedEvent> events,
        Dictionary<Guid, Guid?> shops, CancellationToken ct)
    {
        if (sums.Count == 0 && events.Count == 0) return [];
        var batch = Kernel.Ids.New();
        var facts = sums.Select(s => Analytics.Facts.New($"sig:{batch}:{Analytics.FactKind.Impression}:{s.ItemId}:{s.Source}:{Analytics.AnalyticsDay.Of(s.Last)}", Analytics.FactKind.Impression,
            s.Last, shopId: s.ShopId, itemId: s.ItemId, source: s.Source, count: s.Count)).ToList();
        if (events.Count == 0) return facts;
        var fromImpressions = events.Where(e => e.ImpressionId is not null).Select(e => e.ImpressionId!.Value).Distinct().ToArray();
        var sources = (await ImpressionLog.FindAsync(db, fromImpressions, ct)).ToDictionary(i => i.Key, i => i.Value.Source);
        var signals = events.Select(e => (Kind: e.Type switch
            {
                FeedEventType.Click => Analytics.FactKind.Click,
                FeedEventType.View => Analytics.FactKind.ProductView,
                FeedEventType.Watch => Analytics.FactKind.Watch,
                FeedEventType.Complete => Analytics.FactKind.Complete,
                _ => Analytics.FactKind.AddToCart,
            }, e.ItemId, Source: e.ImpressionId is { } i && sources.TryGetValue(i, out var s) ? s : TrafficSource.Public, e.At));
        facts.AddRange(signals.GroupBy(x => (x.Kind, x.ItemId, x.Source))
            .Select(g => Analytics.Facts.New($"sig:{batch}:{g.Key.Kind}:{g.Key.ItemId}:{g.Key.Source}", g.Key.Kind, g.Max(x => x.At),
                shopId: shops.GetValueOrDefault(g.Key.ItemId), itemId: g.Key.ItemId, source: g.Key.Source, count: g.Count())));
        return facts;
    }
}
