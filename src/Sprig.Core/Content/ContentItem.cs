namespace Sprig.Content;

public enum ContentKind { Video, Post, Live }

/// <summary>published (in feeds) | heldForReview (the spam filter or a report held it) → published | rejected; removed by its author.</summary>
public enum ContentStatus { Published, HeldForReview, Rejected, Removed }

public enum LiveStatus { Scheduled, OnAir, Ended }

/// <summary>
/// A video, a post or a live session by a merchant (for its shop) or a creator, with the product cards pinned to it.
/// Counters are kept on the row (bumped by one conditional statement per signal) so lists never count edges.
/// </summary>
public sealed class ContentItem
{
    public const int MaxProductCards = 20;

    public Guid Id { get; init; }
    public Guid AuthorId { get; init; }
    /// <summary>The author's shop when a merchant publishes for it; null for a creator's own content.</summary>
    public Guid? ShopId { get; init; }
    public ContentKind Kind { get; init; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    public required string MediaUrl { get; set; }
    public int? DurationSeconds { get; set; }
    public ContentStatus Status { get; set; }
    /// <summary>Why the spam filter held it (shown to the author), and the operator's note on review.</summary>
    public string? HoldReason { get; set; }
    public string? ReviewNote { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }

    public int LikeCount { get; set; }
    public int ShareCount { get; set; }
    public int CommentCount { get; set; }

    // live sessions only
    public LiveStatus? LiveStatus { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The product the host is presenting now (讲解中).</summary>
    public Guid? PinnedProductId { get; set; }
    public int ViewersNow { get; set; }
    public int PeakViewers { get; set; }
    public int TotalViewers { get; set; }

    public int Version { get; set; }

    public List<ProductCard> Cards { get; init; } = [];
}
