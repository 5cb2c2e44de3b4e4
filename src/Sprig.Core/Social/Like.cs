namespace Sprig.Social;

public enum SignalTarget { Content, Product }

/// <summary>A user likes a piece of content or a product. The friends tab reads its friends' likes by (user, time).</summary>
public sealed class Like
{
    public Guid UserId { get; init; }
    public Guid TargetId { get; init; }
    public SignalTarget TargetKind { get; init; }
    /// <summary>The target's shop, so feeds group and filter by shop without a join.</summary>
    public Guid ShopId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
