using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Social;

/// <summary>Between the caller and another user: none, requested (the caller asked), incoming (they asked), friends.</summary>
public enum FriendStatus { None, Requested, Incoming, Friends }

public sealed record FriendState(Guid UserId, FriendStatus Status);

/// <summary>
/// Friendships: a request, accepted when the other side sends one too. Both sides asking at the same moment must
/// still end as friends, so each pair's requests queue on one lock (a PostgreSQL advisory lock on the pair;
/// SQLite's writers queue anyway).
/// </summary>
public sealed class FriendDesk(SprigDb db, TimeProvider clock)
{
    public async Task<FriendState> RequestAsync(Guid me, Guid other, CancellationToken ct = default)
    {
        await CheckOtherAsync(me, other, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockPairAsync(me, other, ct);
        var status = await StatusAsync(me, other, ct);
        var now = clock.GetUtcNow();
        if (status == FriendStatus.Incoming)
        {
            await db.FriendRequests.Where(r => (r.FromId == other && r.ToId == me) || (r.FromId == me && r.ToId == other)).ExecuteDeleteAsync(ct);
            db.Friendships.Add(new Friendship { UserId = me, FriendId = other, CreatedAt = now });
            db.Friendships.Add(new Friendship { UserId = other, FriendId = me, CreatedAt = now });
            SocialChange.Of(db, me, other);
            status = FriendStatus.Friends;
        }
        else if (status == FriendStatus.None)
        {
            db.FriendRequests.Add(new FriendRequest { FromId = me, ToId = other, CreatedAt = now });
            status = FriendStatus.Requested;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FriendState(other, status);
    }

    /// <summary>Unfriends, withdraws the caller's request or declines theirs: afterwards there is nothing between the two.</summary>
    public async Task<FriendState> RemoveAsync(Guid me, Guid other, CancellationToken ct = default)
    {
        await CheckOtherAsync(me, other, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockPairAsync(me, other, ct);
        if (await db.Friendships.Where(f => (f.UserId == me && f.FriendId == other) || (f.UserId == other && f.FriendId == me)).ExecuteDeleteAsync(ct) > 0)
        {
            SocialChange.Of(db, me, other);
            await db.SaveChangesAsync(ct);
        }
        await db.FriendRequests.Where(r => (r.FromId == other && r.ToId == me) || (r.FromId == me && r.ToId == other)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return new FriendState(other, FriendStatus.None);
    }

    public async Task<FriendStatus> StatusAsync(Guid me, Guid other, CancellationToken ct = default)
    {
        if (await db.Friendships.AnyAsync(f => f.UserId == me && f.FriendId == other, ct)) return FriendStatus.Friends;
        if (await db.FriendRequests.AnyAsync(r => r.FromId == other && r.ToId == me, ct)) return FriendStatus.Incoming;
        if (await db.FriendRequests.AnyAsync(r => r.FromId == me && r.ToId == other, ct)) return FriendStatus.Requested;
        return FriendStatus.None;
    }

    private async Task CheckOtherAsync(Guid me, Guid other, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == other, ct)) throw SprigException.NotFound("User");
        if (other == me) throw SprigException.Validation("userId", "you cannot befriend yourself");
    }

    private async Task LockPairAsync(Guid a, Guid b, CancellationToken ct)
    {
        if (!db.IsPostgres) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PairKey(a, b)})", ct);
    }

    /// <summary>The same number for (a, b) and (b, a): the XOR of the two ids, folded to 64 bits.</summary>
    public static long PairKey(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x);
        b.TryWriteBytes(y);
        long key = 0;
        for (var i = 0; i < 16; i++) key ^= (long)(x[i] ^ y[i]) << (8 * (i % 8));
        return key;
    }
}
