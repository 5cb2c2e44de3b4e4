namespace Sprig.Distribution;

public enum FeedEventType { Click, View, Watch, Complete, AddToCart }

/// <summary>A client event on a served item (POST /api/events): the funnel after the impression.</summary>
public sealed class FeedEvent
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public FeedEventType Type { get; init; }
    public Guid? ImpressionId { get; init; }
    public Guid ItemId { get; init; }
    public Guid? ProductId { get; init; }
    public int? WatchSeconds { get; init; }
    public DateTimeOffset At { get; init; }
}
