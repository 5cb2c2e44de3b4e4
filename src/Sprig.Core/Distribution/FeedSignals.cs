using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>
/// Social signals on a served item (Social calls these where it records a like or a share): the item's counters, the
/// ones of its current pool's review, and its score move in the caller's unit of work.
/// </summary>
public static class FeedSignals
{
    public static Task LikedAsync(SprigDb db, Guid itemId, int delta, CancellationToken ct) =>
        FeedCounters.BumpAsync(db, new Dictionary<Guid, CounterDelta> { [itemId] = new() { Likes = delta } }, ct);

    public static Task SharedAsync(SprigDb db, Guid itemId, CancellationToken ct) =>
        FeedCounters.BumpAsync(db, new Dictionary<Guid, CounterDelta> { [itemId] = new() { Shares = 1 } }, ct);
}
