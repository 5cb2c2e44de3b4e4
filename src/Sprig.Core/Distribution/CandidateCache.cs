using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sprig.Data;

namespace Sprig.Distribution;

public sealed class DistributionOptions
{
    /// <summary>
    /// How old (real time) a node's candidate lists may get before a feed starts reloading them. Until the reload is in, feeds
    /// are served the lists they have; past <see cref="CandidateCache.StaleRefreshes"/> refreshes (a node left quiet) or at 0
    /// (tests) the feed that finds them stale waits for the reload.
    /// </summary>
    public int RefreshMilliseconds { get; set; } = 1_000;
    /// <summary>How many of each list a node keeps: every pool's best with budget left, the best overall, brand, each category.</summary>
    public int PoolCandidates { get; set; } = 400;
    public int TopCandidates { get; set; } = 1_500;
    public int BrandCandidates { get; set; } = 400;
    public int CategoryCandidates { get; set; } = 200;
    /// <summary>Feeds a node assembles at once (<see cref="FeedAdmission"/>); 0 picks 16 per core (a feed holds its turn while it waits for its log).</summary>
    public int FeedsAtOnce { get; set; }
    /// <summary>Feeds that may wait for a turn; past them a feed is refused with 503 feed_busy.</summary>
    public int FeedsWaiting { get; set; } = 200;
}

/// <summary>
/// Each node's short lists of what is worth serving, read from the database with index range scans (each pool's best
/// with budget left, the best overall, the brand pool's best, each category's best) and reloaded in the background
/// when older than a second, so no feed waits for a reload on a busy node. Their cost does not grow with the
/// catalogue, only with the list lengths. A cache any node may drop: the database is the truth.
/// Pool budgets between reloads: the node counts what it has served of each pool item and not yet logged (pending),
/// and what it logged since the lists were read (committed; a commit counts into the lists being loaded as well, so
/// none falls between two snapshots). Budget left = budget − served in the snapshot − committed − pending, so one node
/// never serves past a budget; with several nodes the overshoot is bounded by what the others serve in one refresh.
/// </summary>
public sealed class CandidateCache(IDbContextFactory<SprigDb> dbs, IOptions<DistributionOptions> options, ILogger<CandidateCache> log)
{
    /// <summary>How many refresh periods old lists may be and still be served while they reload.</summary>
    public const int StaleRefreshes = 10;

    public sealed record Lists(
        IReadOnlyList<Candidate> Pooled, IReadOnlyList<Candidate> Top, IReadOnlyList<Candidate> Brand, long LoadedAt)
    {
        public static readonly Lists Empty = new([], [], [], long.MinValue);

        /// <summary>Impressions this node logged since these lists were read.</summary>
        public ConcurrentDictionary<Guid, int> Committed { get; } = new();

        /// <summary>The pooled list split by pool: the cold-start pool's items, and the tiers' above it.</summary>
        public IReadOnlyList<Candidate> ColdStart { get; } = Pooled.Where(c => c.PoolLevel == PoolTiers.ColdStart).ToList();
        public IReadOnlyList<Candidate> Tiers { get; } = Pooled.Where(c => c.PoolLevel > PoolTiers.ColdStart).ToList();

        /// <summary>The lists' distinct items by <see cref="Candidate.Slot"/> (empty when the lists were not numbered).</summary>
        public IReadOnlyList<Candidate> BySlot => _bySlot;
        // an array, not the interface: a page reads it a few thousand times
        private Candidate[] _bySlot = [];
        public IReadOnlyDictionary<Guid, int> SlotOf { get; private init; } = new Dictionary<Guid, int>();
        public IReadOnlyDictionary<Guid, int> CategorySlotOf { get; private init; } = new Dictionary<Guid, int>();

        /// <summary>True when <paramref name="c"/> is these lists' item at its slot (a candidate from elsewhere is not).</summary>
        public bool Holds(Candidate c) => (uint)c.Slot < (uint)_bySlot.Length && ReferenceEquals(_bySlot[c.Slot], c);

        /// <summary>The lists with their items numbered: one instance per item across the lists, each with its slot and its category's.</summary>
        public static Lists Numbered(IReadOnlyList<Candidate> pooled, IReadOnlyList<Candidate> top, IReadOnlyList<Candidate> brand, long loadedAt)
        {
            var bySlot = new List<Candidate>();
            var slotOf = new Dictionary<Guid, int>();
            var categorySlotOf = new Dictionary<Guid, int>();
            List<Candidate> Number(IReadOnlyList<Candidate> list) => list.Select(c =>
            {
                if (slotOf.TryGetValue(c.Id, out var slot)) return bySlot[slot];
                var category = -1;
                if (c.CategoryId is { } id && !categorySlotOf.TryGetValue(id, out category)) categorySlotOf[id] = category = categorySlotOf.Count;
                var numbered = c with { Slot = bySlot.Count, CategorySlot = category };
                slotOf[c.Id] = numbered.Slot;
                bySlot.Add(numbered);
                return numbered;
            }).ToList();
            var (p, t, b) = (Number(pooled), Number(top), Number(brand));
            return new Lists(p, t, b, loadedAt) { _bySlot = [.. bySlot], SlotOf = slotOf, CategorySlotOf = categorySlotOf };
        }
    }

    private readonly DistributionOptions _o = options.Value;
    private volatile Lists _lists = Lists.Empty;
    private volatile ConcurrentDictionary<Guid, int>? _loadingCommitted;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<Guid, (long LoadedAt, IReadOnlyList<Candidate> Items)> _byCategory = new();
    private readonly ConcurrentDictionary<Guid, byte> _categoriesLoading = new();
    private readonly ConcurrentDictionary<Guid, int> _pending = new();
    private int _reloading;
    // bumped by Invalidate: a load begun before it may have read what the review changed, so it is not kept as fresh
    private long _generation;

    public async Task<Lists> GetAsync(CancellationToken ct)
    {
        var lists = _lists;
        if (Fresh(lists.LoadedAt)) return lists;
        if (StillServable(lists.LoadedAt))
        {
            ReloadInBackground();
            return lists;
        }
        await _loading.WaitAsync(ct);
        try
        {
            return Fresh(_lists.LoadedAt) ? _lists : await ReloadAsync(ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    public async Task<IReadOnlyList<Candidate>> CategoryAsync(Guid categoryId, CancellationToken ct)
    {
        var found = _byCategory.TryGetValue(categoryId, out var hit);
        if (found && Fresh(hit.LoadedAt)) return hit.Items;
        if (found && StillServable(hit.LoadedAt))
        {
            if (_categoriesLoading.TryAdd(categoryId, 0))
                _ = InBackgroundAsync(() => LoadCategoryAsync(categoryId, CancellationToken.None), () => _categoriesLoading.TryRemove(categoryId, out _));
            return hit.Items;
        }
        return await LoadCategoryAsync(categoryId, ct);
    }

    /// <summary>Counts a pool item served by this node; false (and nothing counted) when its budget is used up.</summary>
    public bool TryServe(Candidate c)
    {
        if (!c.InPool) return true;
        var pending = _pending.AddOrUpdate(c.Id, 1, (_, n) => n + 1);
        if (c.PoolServed + _lists.Committed.GetValueOrDefault(c.Id) + pending <= c.PoolBudget) return true;
        _pending.AddOrUpdate(c.Id, 0, (_, n) => n - 1);
        return false;
    }

    /// <summary>
    /// A page's pool items went out (logged), were refused by the writer because another node spent their budget first
    /// (then this node treats them as spent until the next reload), or were not logged at all (their budget is given back).
    /// </summary>
    public void Served(IEnumerable<(Candidate Item, bool Logged, bool Refused)> served)
    {
        var lists = _lists;
        var loading = _loadingCommitted;
        foreach (var (c, logged, refused) in served.Where(s => s.Item.InPool))
        {
            _pending.AddOrUpdate(c.Id, 0, (_, n) => n - 1);
            if (refused) lists.Committed[c.Id] = c.PoolBudget;
            if (!logged) continue;
            lists.Committed.AddOrUpdate(c.Id, 1, (_, n) => n + 1);
            loading?.AddOrUpdate(c.Id, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Drops the lists (after a review moved items between pools on this node), so the next feed waits for them to be read again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _lists = _lists with { LoadedAt = long.MinValue };
        _byCategory.Clear();
    }

    /// <summary>Starts one reload unless one is running; a feed that finds stale lists does not wait for it.</summary>
    private void ReloadInBackground()
    {
        if (Interlocked.CompareExchange(ref _reloading, 1, 0) != 0) return;
        _ = InBackgroundAsync(async () =>
        {
            if (!await _loading.WaitAsync(0)) return; // a feed is reloading them inline
            try
            {
                if (!Fresh(_lists.LoadedAt)) await ReloadAsync(CancellationToken.None);
            }
            finally
            {
                _loading.Release();
            }
        }, () => Volatile.Write(ref _reloading, 0));
    }

    /// <summary>
    /// Runs a reload off the feed's path. A failure leaves the stale list in place: the next feed past the refresh tries
    /// again, and past <see cref="StaleRefreshes"/> one reloads inline.
    /// </summary>
    private async Task InBackgroundAsync(Func<Task> reload, Action finished)
    {
        try
        {
            await Task.Yield(); // the feed goes on with the stale list
            await reload();
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Reloading the feed's candidate lists failed");
        }
        finally
        {
            finished();
        }
    }

    /// <summary>Reads the lists and swaps them in; the caller holds the loading gate.</summary>
    private async Task<Lists> ReloadAsync(CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var committed = new ConcurrentDictionary<Guid, int>();
        _loadingCommitted = committed; // commits from now on count into the new lists too
        try
        {
            var loaded = await LoadAsync(ct);
            foreach (var (id, n) in committed) loaded.Committed[id] = n;
            _lists = loaded;
            // checked after the swap, so an Invalidate at any point of the load leaves stale-marked lists behind
            if (Interlocked.Read(ref _generation) != generation) _lists = loaded with { LoadedAt = long.MinValue };
            _loadingCommitted = null;
            foreach (var (id, n) in committed) loaded.Committed.AddOrUpdate(id, 0, (_, m) => Math.Max(m, n));
            return loaded;
        }
        finally
        {
            _loadingCommitted = null;
        }
    }

    private async Task<IReadOnlyList<Candidate>> LoadCategoryAsync(Guid categoryId, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var items = await Candidate.From(Servable(db).Where(f => f.CategoryId == categoryId)
            .OrderByDescending(f => f.Score)).Take(_o.CategoryCandidates).ToListAsync(ct);
        _byCategory[categoryId] = (Environment.TickCount64, items);
        if (Interlocked.Read(ref _generation) != generation) _byCategory.TryRemove(categoryId, out _);
        return items;
    }

    /// <summary>
    /// Served items not waiting for review. The flags are compared to parameters, not tested bare: SQLite uses an index
    /// only for an equality, and every list here is an index range ordered by score.
    /// </summary>
    private static IQueryable<FeedItem> Servable(SprigDb db)
    {
        var yes = true;
        var no = false;
        return db.FeedItems.AsNoTracking().Where(f => f.Eligible == yes && f.ReviewDue == no);
    }

    private bool Fresh(long loadedAt) => Age(loadedAt) < _o.RefreshMilliseconds;
    private bool StillServable(long loadedAt) => Age(loadedAt) < (long)_o.RefreshMilliseconds * StaleRefreshes;
    private static long Age(long loadedAt) => loadedAt == long.MinValue ? long.MaxValue : Environment.TickCount64 - loadedAt;
    private async Task<Lists> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var live = Servable(db);
        var levels = await db.PoolTiers.AsNoTracking().OrderBy(t => t.Level).Select(t => t.Level).ToListAsync(ct);
        var pooled = new List<Candidate>();
        foreach (var level in levels)
        {
            // each pool's best first (in the cold-start pool an item's score falls as it is shown without response, so they take turns)
            pooled.AddRange(await Candidate.From(live.Where(f => f.PoolLevel == level && f.PoolServed < f.PoolBudget)
                .OrderByDescending(f => f.Score)).Take(_o.PoolCandidates).ToListAsync(ct));
        }
        var top = await Candidate.From(live.OrderByDescending(f => f.Score)).Take(_o.TopCandidates).ToListAsync(ct);
        var brand = true;
        var brands = await Candidate.From(live.Where(f => f.IsBrand == brand).OrderByDescending(f => f.Score)).Take(_o.BrandCandidates).ToListAsync(ct);
        return Lists.Numbered(pooled, top, brands, Environment.TickCount64);
    }
}
