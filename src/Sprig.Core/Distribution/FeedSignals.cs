using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>
/// Social signals on a served item (Social calls these where it records a like or a share): the item's counters, the
/// ones of its current pool's review, and its score move in the caller's unit of work.
/// </summary>
public static class FeedSignals
{
    public static async Task LikedAsync(SprigDb db, Guid itemId, int delta, DateTimeOffset at, CancellationToken ct)
    {
        await FeedCounters.BumpAsync(db, new Dictionary<Guid, CounterDelta> { [itemId] = new() { Likes = delta } }, ct);
        await FactAsync(db, itemId, Analytics.FactKind.Like, delta, at, ct);
    }

    public static async Task SharedAsync(SprigDb db, Guid itemId, DateTimeOffset at, CancellationToken ct)
    {
        await FeedCounters.BumpAsync(db, new Dictionary<Guid, CounterDelta> { [itemId] = new() { Shares = 1 } }, ct);
        await FactAsync(db, itemId, Analytics.FactKind.Share, 1, at, ct);
    }

    /// <summary>The signal as an analytics fact of the item's shop, in the caller's unit of work (an unlike counts -1).</summary>
    private static async Task FactAsync(SprigDb db, Guid itemId, Analytics.FactKind kind, int count, DateTimeOffset at, CancellationToken ct)
    {
        var shopId = await db.FeedItems.Where(f => f.Id == itemId).Select(f => f.ShopId).FirstOrDefaultAsync(ct);
        if (shopId is null) return;
        var fact = Analytics.Facts.New($"{kind}:{itemId}:{Kernel.Ids.New()}", kind, at, shopId: shopId, itemId: itemId, count: count);
        if (db.Database.CurrentTransaction is null)
        {
            db.Facts.Add(fact);
            await db.SaveChangesAsync(ct);
        }
        else await Analytics.Facts.AddAsync(db, [fact], ct);
    }
}
