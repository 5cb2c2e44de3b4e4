using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Social;

public sealed record FollowState(Guid TargetId, FollowTarget TargetKind, bool Following, int Followers);

/// <summary>Follows of users (creators, friends) and shops. Following twice is following once; unfollowing what one does not follow changes nothing.</summary>
public sealed class FollowDesk(SprigDb db, TimeProvider clock)
{
    public async Task<FollowState> FollowAsync(Guid followerId, FollowTarget kind, Guid targetId, CancellationToken ct = default)
    {
        await CheckTargetAsync(followerId, kind, targetId, ct);
        // a few tries: the racing follow this one collided with may itself be undone by a racing unfollow before we look
        for (var attempt = 1; !await IsFollowingAsync(followerId, kind, targetId, ct); attempt++)
        {
            db.Follows.Add(new Follow { FollowerId = followerId, TargetKind = kind, TargetId = targetId, CreatedAt = clock.GetUtcNow() });
            // a shop's new follower is a fact of its analytics, saved with the follow or not at all; once per follower
            // (keyed by the pair), so following and unfollowing in a loop does not make new followers
            var key = $"follow:{followerId}:{targetId}";
            if (kind == FollowTarget.Shop && !await db.Facts.AnyAsync(f => f.Key == key, ct))
                db.Facts.Add(Analytics.Facts.New(key, Analytics.FactKind.Follow, clock.GetUtcNow(), shopId: targetId, buyerId: followerId));
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // a racing follow of the same pair got in first: the key allows one (and we look again)
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                // still colliding after five looks (racing follows and unfollows of one pair): the client may try again
                throw new SprigException(409, "concurrent_update", "Another request changed this at the same moment; try again.");
            }
        }
        return await StateAsync(followerId, kind, targetId, ct);
    }

    public async Task<FollowState> UnfollowAsync(Guid followerId, FollowTarget kind, Guid targetId, CancellationToken ct = default)
    {
        await CheckTargetAsync(followerId, kind, targetId, ct);
        await db.Follows.Where(f => f.FollowerId == followerId && f.TargetKind == kind && f.TargetId == targetId).ExecuteDeleteAsync(ct);
        return await StateAsync(followerId, kind, targetId, ct);
    }

    public async Task<FollowState> StateAsync(Guid? followerId, FollowTarget kind, Guid targetId, CancellationToken ct = default) =>
        new(targetId, kind, followerId is { } f && await IsFollowingAsync(f, kind, targetId, ct), await FollowersAsync(kind, targetId, ct));

    public Task<int> FollowersAsync(FollowTarget kind, Guid targetId, CancellationToken ct = default) =>
        db.Follows.CountAsync(f => f.TargetId == targetId && f.TargetKind == kind, ct);

    private Task<bool> IsFollowingAsync(Guid followerId, FollowTarget kind, Guid targetId, CancellationToken ct) =>
        db.Follows.AnyAsync(f => f.FollowerId == followerId && f.TargetKind == kind && f.TargetId == targetId, ct);

    private async Task CheckTargetAsync(Guid followerId, FollowTarget kind, Guid targetId, CancellationToken ct)
    {
        if (kind == FollowTarget.User)
        {
            if (!await db.Users.AnyAsync(u => u.Id == targetId, ct)) throw SprigException.NotFound("User");
            if (targetId == followerId) throw SprigException.Validation("userId", "you cannot follow yourself");
        }
        else
        {
            var owner = await db.Shops.Where(s => s.Id == targetId).Select(s => (Guid?)s.OwnerId).FirstOrDefaultAsync(ct) ?? throw SprigException.NotFound("Shop");
            if (owner == followerId) throw SprigException.Validation("shopId", "you cannot follow your own shop");
        }
    }
}
