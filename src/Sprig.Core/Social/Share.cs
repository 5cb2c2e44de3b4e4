namespace Sprig.Social;

/// <summary>
/// A share of content or a product. Its id is the share link's token; a share made by someone who arrived through
/// another share continues that share's chain, so an order from the link credits every sharer, first one first.
/// </summary>
public sealed class Share
{
    public const int MaxChain = 20;

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public Guid TargetId { get; init; }
    public SignalTarget TargetKind { get; init; }
    public Guid ShopId { get; init; }
    /// <summary>The share this one was made from (the sharer arrived through it), if any.</summary>
    public Guid? ParentId { get; init; }
    /// <summary>User ids of the chain, first sharer first, ending with this share's sharer; comma-separated.</summary>
    public required string Chain { get; init; }
    /// <summary>Whom it was sent to, when the client says (a friend, a group chat is null).</summary>
    public Guid? ToUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
