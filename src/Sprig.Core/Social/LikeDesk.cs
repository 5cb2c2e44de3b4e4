using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;

namespace Sprig.Social;

public sealed record LikeState(Guid TargetId, SignalTarget TargetKind, bool Liked, long LikeCount);

/// <summary>
/// Likes on content and products. Liking twice is liking once: the like's key (user, target) decides, and the
/// counters (the content's, the feed item's) move only when a row was really added or removed, in the same
/// transaction, so they equal the rows however many likes and unlikes race.
/// </summary>
public sealed class LikeDesk(SprigDb db, TimeProvider clock)
{
    public async Task<LikeState> LikeAsync(Guid userId, SignalTarget kind, Guid targetId, Viewer viewer, CancellationToken ct = default)
    {
        var shopId = await SocialTargets.OpenShopAsync(db, kind, targetId, viewer, ct);
        // a few tries: the racing like this one collided with may itself be undone by a racing unlike before we look
        for (var attempt = 1; !await db.Likes.AnyAsync(l => l.UserId == userId && l.TargetId == targetId, ct); attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Likes.Add(new Like { UserId = userId, TargetId = targetId, TargetKind = kind, ShopId = shopId, CreatedAt = clock.GetUtcNow() });
            SocialChange.Of(db, userId);
            try
            {
                await db.SaveChangesAsync(ct);
                await CountAsync(kind, targetId, +1, ct);
                await tx.CommitAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // this user's racing like got in first; it counted, this one rolls back (and looks again)
                db.ChangeTracker.Clear();
                await tx.RollbackAsync(ct);
            }
            catch (DbUpdateException)
            {
                // still colliding after five looks (racing likes and unlikes of one pair): the client may try again
                throw new SprigException(409, "concurrent_update", "Another request changed this at the same moment; try again.");
            }
        }
        return await StateAsync(userId, kind, targetId, ct);
    }

    public async Task<LikeState> UnlikeAsync(Guid userId, SignalTarget kind, Guid targetId, CancellationToken ct = default)
    {
        if (!await SocialTargets.ExistsAsync(db, kind, targetId, ct)) throw SprigException.NotFound(kind == SignalTarget.Content ? "Content" : "Product");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var removed = await db.Likes.Where(l => l.UserId == userId && l.TargetId == targetId).ExecuteDeleteAsync(ct);
            if (removed > 0)
            {
                await CountAsync(kind, targetId, -1, ct);
                SocialChange.Of(db, userId);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        return await StateAsync(userId, kind, targetId, ct);
    }

    public async Task<LikeState> StateAsync(Guid? userId, SignalTarget kind, Guid targetId, CancellationToken ct = default)
    {
        var liked = userId is { } u && await db.Likes.AnyAsync(l => l.UserId == u && l.TargetId == targetId, ct);
        long count = kind == SignalTarget.Content
            ? await db.ContentItems.Where(c => c.Id == targetId).Select(c => c.LikeCount).FirstOrDefaultAsync(ct)
            : await db.Likes.CountAsync(l => l.TargetId == targetId, ct);
        return new LikeState(targetId, kind, liked, count);
    }

    private async Task CountAsync(SignalTarget kind, Guid targetId, int delta, CancellationToken ct)
    {
        if (kind == SignalTarget.Content)
            await db.ContentItems.Where(c => c.Id == targetId).ExecuteUpdateAsync(u => u.SetProperty(c => c.LikeCount, c => c.LikeCount + delta), ct);
        await FeedSignals.LikedAsync(db, targetId, delta, clock.GetUtcNow(), ct);
    }
}
