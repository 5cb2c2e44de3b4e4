namespace Sprig.Distribution;

/// <summary>
/// What a node has logged of impressions and not yet added to the items' counters and to analytics: per item the
/// impressions (for <see cref="FeedItem.Impressions"/> and the score), per item, traffic source and analytics day the
/// impression facts (a flush across midnight, or one put back after a failure, still dates each on its own day).
/// A page's impressions are logged before it returns; these sums of them are written by the impression writer once a
/// second (<see cref="SignalWriter.FlushAsync"/>), each item once. At 500 feeds a second a node logs some 10,000
/// impressions a second of about 1,000 distinct items: written per batch they were two row writes per impression, most of
/// them random pages of a million-row table, and half of a feed's CPU.
/// </summary>
public sealed class ImpressionTally
{
    /// <summary>One item's impressions from one traffic source on one analytics day since the last flush, and the last time one was served.</summary>
    public sealed record Sum(Guid ItemId, Guid? ShopId, TrafficSource Source, int Count, DateTimeOffset Last);

    private sealed class Entry(Guid? shopId, DateTimeOffset last)
    {
        public Guid? ShopId = shopId;
        public int Count;
        public DateTimeOffset Last = last;
    }

    private readonly Lock _gate = new();
    private Dictionary<(Guid Item, TrafficSource Source, int Day), Entry> _sums = [];

    public int Count
    {
        get { lock (_gate) return _sums.Count; }
    }

    /// <summary>Counts impressions the writer has committed.</summary>
    public void Add(IEnumerable<Impression> logged)
    {
        lock (_gate)
            foreach (var i in logged) Add(i.ItemId, i.ShopId, i.Source, 1, i.ServedAt);
    }

    /// <summary>Takes every sum, leaving the tally empty; a flush that fails hands them back with <see cref="Restore"/>.</summary>
    public IReadOnlyList<Sum> Take()
    {
        Dictionary<(Guid Item, TrafficSource Source, int Day), Entry> taken;
        lock (_gate)
        {
            if (_sums.Count == 0) return [];
            (taken, _sums) = (_sums, []);
        }
        return taken.Select(e => new Sum(e.Key.Item, e.Value.ShopId, e.Key.Source, e.Value.Count, e.Value.Last)).ToList();
    }

    public void Restore(IEnumerable<Sum> sums)
    {
        lock (_gate)
            foreach (var s in sums) Add(s.ItemId, s.ShopId, s.Source, s.Count, s.Last);
    }

    private void Add(Guid item, Guid? shopId, TrafficSource source, int count, DateTimeOffset at)
    {
        var key = (item, source, Analytics.AnalyticsDay.Of(at));
        if (!_sums.TryGetValue(key, out var e)) _sums[key] = e = new Entry(shopId, at);
        e.Count += count;
        e.ShopId ??= shopId;
        if (at > e.Last) e.Last = at;
    }
}
