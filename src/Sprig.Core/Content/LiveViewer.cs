namespace Sprig.Content;

/// <summary>One stay of a viewer in a live room: joined, and left (null while watching).</summary>
public sealed class LiveViewer
{
    public Guid Id { get; init; }
    public Guid ContentId { get; init; }
    public Guid UserId { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public DateTimeOffset? LeftAt { get; set; }
}
