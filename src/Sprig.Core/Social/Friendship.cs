namespace Sprig.Social;

/// <summary>A friend request not yet answered by the other side's own request.</summary>
public sealed class FriendRequest
{
    public Guid FromId { get; init; }
    public Guid ToId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A mutual friendship, stored once in each direction so "my friends" is one index range.</summary>
public sealed class Friendship
{
    public Guid UserId { get; init; }
    public Guid FriendId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
