namespace Sprig.Content;

public enum CommentStatus { Visible, HeldForReview, Rejected, Removed }

public sealed class Comment
{
    public Guid Id { get; init; }
    public Guid ContentId { get; init; }
    public Guid UserId { get; init; }
    public required string Text { get; init; }
    public CommentStatus Status { get; set; }
    /// <summary>Why the spam filter held it, and the operator's note on review.</summary>
    public string? HoldReason { get; set; }
    public string? ReviewNote { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
