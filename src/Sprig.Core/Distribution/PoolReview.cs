using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>An item's rates in its current pool, in basis points (GPM in fen per 1,000 impressions).</summary>
public readonly record struct TierRates(int CtrBps, int? CompletionBps, int LikeBps, int ShareBps, int? CvrBps, long? Gpm);

/// <summary>
/// The traffic-pool review: an item whose pool budget has been served is promoted to the next tier, with that tier's
/// larger budget, when its rates in this pool beat every threshold the tier sets; otherwise (and after the last tier)
/// it is left to organic traffic. A completion threshold applies to videos and live rooms only, conversion and GPM to
/// items that sell something. Safe on every node: each move is conditional on the item still being due in the same
/// pool, so two nodes reviewing one item move it once.
/// </summary>
public sealed class PoolReview(IDbContextFactory<SprigDb> dbs, CandidateCache cache, SignalWriter signals, TimeProvider clock, ILogger<PoolReview> log)
{
    private const int Batch = 500;

    public static TierRates RatesOf(FeedItem f) => new(
        Bps(f.TierClicks, f.PoolServed),
        f.Kind is FeedItemKind.Video or FeedItemKind.Live ? Bps(f.TierCompletions, f.TierWatches) : null,
        Bps(f.TierLikes, f.PoolServed),
        Bps(f.TierShares, f.PoolServed),
        f.ProductId is null ? null : Bps(f.TierOrders, f.TierClicks),
        f.ProductId is null ? null : f.PoolServed == 0 ? 0 : f.TierGmv * 1_000 / f.PoolServed);

    public static bool Beats(TierRates r, PoolTier t) =>
        r.CtrBps >= t.MinCtrBps
        && (r.CompletionBps is null || r.CompletionBps >= t.MinCompletionBps)
        && r.LikeBps >= t.MinLikeBps
        && r.ShareBps >= t.MinShareBps
        && (r.CvrBps is null || r.CvrBps >= t.MinCvrBps)
        && (r.Gpm is null || r.Gpm >= t.MinGpm);

    /// <summary>Reviews every item due now; returns (promoted, left to organic traffic).</summary>
    public async Task<(int Promoted, int Organic)> RunAsync(CancellationToken ct = default)
    {
        var promoted = 0;
        var organic = 0;
        var now = clock.GetUtcNow();
        // this node's impression counts first, so an item leaves its pool with every count this node holds of it
        await signals.FlushAsync(ct);
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var tiers = await db.PoolTiers.AsNoTracking().OrderBy(t => t.Level).ToDictionaryAsync(t => t.Level, ct);
            var yes = true; // compared to a parameter so SQLite reads it off the index
            var due = await db.FeedItems.AsNoTracking().Where(f => f.ReviewDue == yes).OrderBy(f => f.Id).Take(Batch).ToListAsync(ct);
            foreach (var item in due)
            {
                var level = item.PoolLevel;
                var next = tiers.GetValueOrDefault(level + 1);
                var up = next is not null && tiers.TryGetValue(level, out var tier) && Beats(RatesOf(item), tier);
                var moved = up
                    ? await db.FeedItems.Where(f => f.Id == item.Id && f.ReviewDue && f.PoolLevel == level).ExecuteUpdateAsync(u => u
                        .SetProperty(f => f.PoolLevel, level + 1).SetProperty(f => f.PoolBudget, next!.Budget).SetProperty(f => f.PoolServed, 0)
                        .SetProperty(f => f.PoolEnteredAt, now).SetProperty(f => f.ReviewedAt, now).SetProperty(f => f.ReviewDue, false)
                        .SetProperty(f => f.TierClicks, 0).SetProperty(f => f.TierWatches, 0).SetProperty(f => f.TierCompletions, 0)
                        .SetProperty(f => f.TierLikes, 0).SetProperty(f => f.TierShares, 0).SetProperty(f => f.TierOrders, 0).SetProperty(f => f.TierGmv, 0), ct)
                    : await db.FeedItems.Where(f => f.Id == item.Id && f.ReviewDue && f.PoolLevel == level).ExecuteUpdateAsync(u => u
                        .SetProperty(f => f.PoolLevel, FeedItem.Organic).SetProperty(f => f.ReviewedAt, now).SetProperty(f => f.ReviewDue, false), ct);
                if (moved == 0) continue; // another node reviewed it first
                if (up) promoted++; else organic++;
                log.LogDebug("Item {Item} reviewed in pool {Level}: {Outcome}", item.Id, level, up ? "promoted" : "organic");
            }
            if (due.Count < Batch) break;
        }
        if (promoted + organic > 0) cache.Invalidate();
        return (promoted, organic);
    }

    private static int Bps(long hits, long trials) => trials <= 0 ? 0 : (int)Math.Min(10_000, hits * 10_000 / trials);
}
