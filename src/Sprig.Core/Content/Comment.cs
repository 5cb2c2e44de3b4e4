namespace Sprig.Content;

public enum CommentStatus { Visible, HeldForReview, Rejected, Removed }

public sealed class Comment
{
    public Guid Id { get; init; }
    public Guid ContentId { get; init; }
    public Guid UserId { get; init; }
    public required string Text { get; init; }
    public CommentStatus Status { get; set; }
    public string? HoldReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
