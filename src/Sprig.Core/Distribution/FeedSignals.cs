using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>
/// Social signals on a served item (Social calls these where it records a like or a share): the item's counters, and
/// the ones of its current pool's review, move by one conditional statement, never a read-modify-write.
/// </summary>
public static class FeedSignals
{
    public static Task LikedAsync(SprigDb db, Guid itemId, int delta, CancellationToken ct) =>
        db.FeedItems.Where(f => f.Id == itemId).ExecuteUpdateAsync(u => u
            .SetProperty(f => f.Likes, f => f.Likes + delta)
            .SetProperty(f => f.TierLikes, f => f.TierLikes + delta), ct);

    public static Task SharedAsync(SprigDb db, Guid itemId, CancellationToken ct) =>
        db.FeedItems.Where(f => f.Id == itemId).ExecuteUpdateAsync(u => u
            .SetProperty(f => f.Shares, f => f.Shares + 1)
            .SetProperty(f => f.TierShares, f => f.TierShares + 1), ct);
}
