using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Ordering;

namespace Sprig.Analytics;

/// <summary>
/// The outbox's reading side: reads the facts past its cursor in batches, in (TxId, Seq) order and on PostgreSQL only
/// those of transactions older than every transaction still running (so none can later appear behind the cursor; see
/// <see cref="Fact.TxId"/>), completes them from the records they point at (an order's scene, buyer, item, creator and
/// traffic source; a fee's programs; a subsidy's coupons and campaigns), folds them into the rollups as increments
/// and moves the cursor in one transaction (a batch may have been read while the one before it was written: facts
/// never change once committed). The cursor's row lock is the lease: on every node the job tries, one
/// folds (the others skip the round). A batch that fails leaves the cursor where it was; a batch that commits has
/// counted each of its facts exactly once. Fact rows are never written again, so folding costs reads, not rewrites.
/// </summary>
public sealed class FactDispatcher(IDbContextFactory<SprigDb> dbs, ILogger<FactDispatcher> log)
{
    public const int DefaultBatch = 5_000;
    /// <summary>
    /// How far a batch grows while facts keep waiting: the rollup rows a batch writes grow slower than its facts (one
    /// item-day row serves all of that day's impressions of the item), so a dispatcher that is behind catches up
    /// faster with larger batches. At this size a batch is about 5 s of one transaction and ~100 MB of memory on the
    /// project's machines; 200,000 folded ~87,000 facts/s where this folds ~108,000 (docs/benchmarks.md).
    /// </summary>
    public const int MaxBatch = 500_000;

    /// <summary>
    /// Dispatches until nothing is waiting; returns how many facts it folded. A batch that came back full doubles the
    /// next (up to <see cref="MaxBatch"/>), and the next batch is read and summed while this one is written. With
    /// <paramref name="catchUp"/> it also waits (up to a few seconds) for facts already committed but held back by a
    /// transaction still running elsewhere, for callers that want the figures of everything before them.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct = default, int batchSize = DefaultBatch, bool catchUp = false)
    {
        var total = 0;
        var until = Environment.TickCount64 + 10_000;
        var size = batchSize;
        Task<Prepared?>? ahead = null;
        try
        {
            while (true)
            {
                var (folded, waiting, next) = await DispatchAsync(size, ahead, readAhead: true, ct);
                ahead = next;
                total += folded;
                if (folded == size)
                {
                    size = Grown(size);
                    continue;
                }
                if (!catchUp || !waiting || Environment.TickCount64 > until) return total;
                await Task.Delay(50, ct);
            }
        }
        finally
        {
            if (ahead is not null) await Settled(ahead);
        }
    }

    /// <summary>The batch after a full one: twice as large, up to <see cref="MaxBatch"/> (one rule for the loop and the read-ahead, which must agree).</summary>
    private static int Grown(int size) => Math.Max(size, Math.Min(size * 2, MaxBatch));

    /// <summary>One batch; says how many it folded and whether committed facts are still waiting past the cursor.</summary>
    public async Task<(int Folded, bool Waiting)> DispatchBatchAsync(int batchSize, CancellationToken ct)
    {
        var (folded, waiting, _) = await DispatchAsync(batchSize, null, readAhead: false, ct);
        return (folded, waiting);
    }

    /// <summary>
    /// A batch read, completed and summed, not yet written: the facts after <see cref="After"/> up to <see cref="Last"/>.
    /// Facts, and what completes them (orders' snapshots, settlement parts, subsidy draws), are never changed once
    /// committed, so a batch read outside the lease is as good as one read under it, as long as the cursor is still
    /// where it was read from.
    /// </summary>
    private sealed record Prepared((long TxId, long Seq) After, (long TxId, long Seq) Last, int Count, RollupFold Fold, long ReadMs, long SumMs);

    private async Task<(int Folded, bool Waiting, Task<Prepared?>? Ahead)> DispatchAsync(int size, Task<Prepared?>? ahead, bool readAhead, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cursor = await LeaseAsync(db, ct);
        if (cursor is null)
        {
            if (ahead is not null) await Settled(ahead);
            return (0, true, null); // another node is folding
        }

        var at = (cursor.TxId, cursor.Seq);
        // the upserts sort a batch's rows by key (up to ~200,000 item-days): in memory, not in 4 MB runs on disk
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);
        Prepared? batch = null;
        try { if (ahead is not null) batch = await ahead; }
        catch (Exception ex) when (!ct.IsCancellationRequested) { log.LogWarning(ex, "Reading the next facts ahead failed; reading them again"); }
        // read ahead from where this node left the cursor; if another node moved it since, read again here
        if (batch is null || batch.After != at) batch = await PrepareAsync(db, at, size, ct);
        if (batch is null)
        {
            var waiting = db.IsPostgres && await db.Facts.AnyAsync(f => f.TxId > at.TxId || (f.TxId == at.TxId && f.Seq > at.Seq), ct);
            return (0, waiting, null);
        }
        var prepared = Stopwatch.GetElapsedTime(started);

        // a full batch says more are waiting: read the next one on its own connection while this one is written
        var next = readAhead && batch.Count >= size ? Task.Run(() => PrepareAheadAsync(batch.Last, Grown(size), ct), ct) : null;
        try
        {
            await batch.Fold.WriteAsync(db, ct);
            var written = Stopwatch.GetElapsedTime(started);
            await db.FactCursors.Where(c => c.Name == FactCursor.Rollups)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.TxId, batch.Last.TxId).SetProperty(c => c.Seq, batch.Last.Seq), ct);
            await tx.CommitAsync(ct);
            log.LogDebug("Dispatched {Count} facts: read {Read} ms, completed and summed {Sum} ms (waited {Waited} ms for both), rollups written {Write} ms, committed {Commit} ms",
                batch.Count, batch.ReadMs, batch.SumMs, (int)prepared.TotalMilliseconds, (int)(written - prepared).TotalMilliseconds,
                (int)(Stopwatch.GetElapsedTime(started) - written).TotalMilliseconds);
        }
        catch
        {
            if (next is not null) await Settled(next);
            throw;
        }
        return (batch.Count, false, next);
    }

    /// <summary>A read ahead no longer wanted (a failure, the end of the run): waited for, so its context is not left open, and its errors observed.</summary>
    private static Task Settled(Task ahead) =>
        ahead.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<Prepared?> PrepareAheadAsync((long TxId, long Seq) after, int size, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await PrepareAsync(db, after, size, ct);
    }

    /// <summary>Reads the facts past a position (on PostgreSQL only of transactions older than every one running), completes and sums them.</summary>
    private static async Task<Prepared?> PrepareAsync(SprigDb db, (long TxId, long Seq) after, int size, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var facts = db.IsPostgres
            ? await ReadPostgresAsync(db, after, size, ct)
            : await db.Facts.AsNoTracking().Where(f => f.Seq > after.Seq).OrderBy(f => f.Seq).Take(size).ToListAsync(ct);
        if (facts.Count == 0) return null;
        var read = Stopwatch.GetElapsedTime(started);
        await CompleteAsync(db, facts, ct);
        var fold = new RollupFold();
        await fold.AddAsync(db, facts, ct);
        return new Prepared(after, (facts[^1].TxId, facts[^1].Seq), facts.Count, fold, (long)read.TotalMilliseconds, (long)(Stopwatch.GetElapsedTime(started) - read).TotalMilliseconds);
    }

    /// <summary>
    /// The columns of <see cref="Fact"/> the fold reads, in <see cref="ReadPostgresAsync"/>'s order: all but the key, the
    /// longest, which only the door needs. A test holds this list to the model, so a column added to facts is not
    /// silently left out of the fold.
    /// </summary>
    public static readonly string[] FoldedColumns =
        ["Seq", "TxId", "Kind", "At", "ShopId", "BuyerId", "OrderId", "ItemId", "CreatorId", "Scene", "Source", "Amount", "Gmv", "Count"];

    /// <summary>
    /// PostgreSQL: the batch by a plain data reader. Through EF's materializer a batch of 200,000 facts took about a
    /// second, most of the fold's reading; read by hand it is a fraction of that.
    /// </summary>
    private static async Task<List<Fact>> ReadPostgresAsync(SprigDb db, (long TxId, long Seq) after, int size, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = $"""
                SELECT {string.Join(", ", FoldedColumns.Select(c => $"\"{c}\""))} FROM "Facts"
                WHERE ("TxId", "Seq") > (@tx, @seq) AND "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY "TxId", "Seq" LIMIT @size
                """;
            cmd.Parameters.Add(new NpgsqlParameter<long>("tx", after.TxId));
            cmd.Parameters.Add(new NpgsqlParameter<long>("seq", after.Seq));
            cmd.Parameters.Add(new NpgsqlParameter<int>("size", size));
            var facts = new List<Fact>(Math.Min(size, 1 << 16));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                facts.Add(new Fact
                {
                    Seq = r.GetInt64(0), TxId = r.GetInt64(1), Key = "", Kind = Enum.Parse<FactKind>(r.GetString(2)),
                    At = r.GetFieldValue<DateTimeOffset>(3), ShopId = Id(r, 4), BuyerId = Id(r, 5), OrderId = Id(r, 6), ItemId = Id(r, 7),
                    CreatorId = Id(r, 8), Scene = r.IsDBNull(9) ? null : Enum.Parse<Scene>(r.GetString(9)),
                    Source = r.IsDBNull(10) ? null : Enum.Parse<TrafficSource>(r.GetString(10)),
                    Amount = r.GetInt64(11), Gmv = r.GetInt64(12), Count = r.GetInt32(13),
                });
            }
            return facts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Guid? Id(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

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
        var impressions = await Distribution.ImpressionLog.FindAsync(db, impressionIds, ct);
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
