namespace Sprig.Social;

public enum FollowTarget { User, Shop }

/// <summary>A user follows a user (a creator, a friend) or a shop.</summary>
public sealed class Follow
{
    public Guid FollowerId { get; init; }
    public FollowTarget TargetKind { get; init; }
    public Guid TargetId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
