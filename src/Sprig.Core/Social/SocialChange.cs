using Sprig.Data;

namespace Sprig.Social;

/// <summary>
/// One row of the social graph's change feed: "this user's friends, likes or shares changed". Written in the same
/// transaction as the change; every node's <see cref="SocialCache"/> reads the feed before it answers and forgets what
/// it held of the users named, so a like made on one node is in the next feed any node serves.
/// </summary>
public sealed class SocialChange : IChangeRow
{
    public long Seq { get; init; }
    /// <inheritdoc />
    public long TxId { get; init; }
    public Guid UserId { get; init; }
    /// <summary>Real time, not the platform clock: rows are pruned by age, and a manual clock moved on must not prune rows a node has not read.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Names no one user: every node forgets all it holds (a bulk load such as <c>seed-feed</c> wrote the tables).</summary>
    public static readonly Guid Everyone = Guid.Empty;

    /// <summary>The users' social rows changed; the caller saves, in the change's own transaction.</summary>
    public static void Of(SprigDb db, params Guid[] users)
    {
        foreach (var u in users) db.SocialChanges.Add(new SocialChange { UserId = u, At = DateTimeOffset.UtcNow });
    }
}
