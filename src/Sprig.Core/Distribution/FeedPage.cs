namespace Sprig.Distribution;

/// <summary>Why an item was served: public traffic (a pool, or organic ranking) or private (friends, follows), and any boost.</summary>
public sealed record FeedReason(TrafficSource Source, string? Pool, int? FriendsLiked, string? Boost);

public sealed record ServedItem(Candidate Item, FeedReason Reason, Guid ImpressionId);

/// <summary>The page rules of DOMAIN.md, and the mix of the recommended tab, as the operator set them.</summary>
public sealed record PageRules(int MaxPerShop, double BrandShare, double BrandBoost, double PoolShare)
{
    public static readonly PageRules Default = new(2, 0.10, 1.2, 0.30);
}

/// <summary>
/// Assembles one page of a tab from candidates the caller gathered (pure: no database, no clock), applying the page
/// rules: nothing the buyer saw in the last 24 hours (but live rooms on air in following), at most
/// <see cref="PageRules.MaxPerShop"/> items of one shop, no item twice. Recommended fills a share of its slots from
/// the brand pool and a share from items a traffic pool guarantees, and the rest by personal score.
/// </summary>
public sealed class FeedPage(int limit, PageRules rules, BuyerView view, Func<Candidate, bool> tryServe)
{
    private readonly List<ServedItem> _items = [];
    // its items' impression ids are this id with their slot (ServedPage): the page is logged as one row
    private readonly Guid _pageId = ServedPage.NewId();
    private readonly HashSet<Guid> _taken = [];
    private readonly Dictionary<Guid, int> _perShop = [];
    // a buyer with neither friends' signals nor interests (or personalisation off) has a multiplier of 1: no lookups
    private readonly bool _personal = view.Personalised && (view.Interests.Count > 0 || view.FriendSignals.Count > 0);

    // the recommended tab's lists and, by their slots, the buyer's marks (seen bit, friends) and each item's score for
    // this buyer: array reads for the few thousand candidates the lists bring, where hashing each one three times, and
    // scoring the pooled list again in each pass, was most of assembling a page
    private CandidateCache.Lists? _lists;
    private int[] _marks = [];
    private double[] _interests = [];
    private double[] _scores = [];
    private const int SeenBit = 1 << 30;

    public IReadOnlyList<ServedItem> Items => _items;

    public double PersonalScore(Candidate c) => Scored(c, Multiplier(InterestIn(c), FriendsOn(c)));

    private double Multiplier(double interest, int friends) => _personal ? Ranking.Personal(interest, friends) : 1;

    private double Scored(Candidate c, double multiplier) => c.Score * multiplier * (c.IsBrand ? rules.BrandBoost : 1);

    private bool Marked(Candidate c) => _lists is { } l && l.Holds(c);

    private bool Seen(Candidate c) => Marked(c) ? (_marks[c.Slot] & SeenBit) != 0 : view.Seen.Contains(c.Id);

    private int FriendsOn(Candidate c) => Marked(c) ? _marks[c.Slot] & ~SeenBit : view.FriendsOn(c.Id);

    private double InterestIn(Candidate c) => Marked(c) ? (c.CategorySlot >= 0 ? _interests[c.CategorySlot] : 0) : view.InterestIn(c.CategoryId);

    /// <summary>The candidate's personal score, or NaN when the buyer saw it: by slot for the lists' items, by lookup for the rest.</summary>
    private double ScoreOf(Candidate c) => Marked(c) ? _scores[c.Slot] : Seen(c) ? double.NaN : PersonalScore(c);

    /// <summary>The buyer's marks and scores by the lists' slots: a few hundred lookups and one score per item, once a page.</summary>
    private void Mark(CandidateCache.Lists lists)
    {
        var items = lists.BySlot;
        if (items.Count == 0) return;
        _marks = new int[items.Count];
        foreach (var (id, n) in view.FriendSignals)
            if (lists.SlotOf.TryGetValue(id, out var slot)) _marks[slot] = Math.Min(n, SeenBit - 1);
        foreach (var id in view.Seen)
            if (lists.SlotOf.TryGetValue(id, out var slot)) _marks[slot] |= SeenBit;
        _interests = new double[lists.CategorySlotOf.Count];
        foreach (var (category, weight) in view.Interests)
            if (lists.CategorySlotOf.TryGetValue(category, out var slot)) _interests[slot] = weight;
        _lists = lists;

        // the multiplier of an item no friend touched depends on its category alone: one per category, not per item
        var byCategory = _interests.Select(interest => Multiplier(interest, 0)).ToArray();
        var uncategorised = Multiplier(0, 0);
        _scores = new double[items.Count];
        for (var slot = 0; slot < _scores.Length; slot++)
        {
            var c = items[slot];
            var friends = FriendsOn(c);
            _scores[slot] = Seen(c) ? double.NaN
                : Scored(c, friends > 0 ? Multiplier(InterestIn(c), friends) : c.CategorySlot >= 0 ? byCategory[c.CategorySlot] : uncategorised);
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> of the sources by personal score, best first, each once, without sorting them all (a page needs a
    /// few dozen of thousands). The lists overlap (a pool item is often among the best overall too): a candidate seen
    /// twice is offered twice, which costs less than remembering every candidate, and its second copy is dropped at the end.
    /// </summary>
    private List<Candidate> Best(int k, params ReadOnlySpan<IEnumerable<Candidate>> sources)
    {
        var heap = new PriorityQueue<Candidate, double>(k + 1);
        var least = double.NegativeInfinity;
        void Offer(Candidate c)
        {
            var score = ScoreOf(c);
            if (double.IsNaN(score)) return;
            if (heap.Count < k) heap.Enqueue(c, score);
            else if (score > least) heap.DequeueEnqueue(c, score);
            else return;
            if (heap.Count == k) heap.TryPeek(out _, out least);
        }
        foreach (var source in sources)
        {
            if (source is List<Candidate> list)
                foreach (var c in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)) Offer(c);
            else
                foreach (var c in source) Offer(c);
        }
        var best = new Candidate[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--) best[i] = heap.Dequeue();
        var once = new HashSet<Guid>(best.Length);
        var distinct = new List<Candidate>(best.Length);
        foreach (var c in best)
            if (once.Add(c.Id)) distinct.Add(c);
        return distinct;
    }

    public IReadOnlyList<ServedItem> Recommended(CandidateCache.Lists lists, IEnumerable<Candidate> personal)
    {
        Mark(lists);
        var brandSlots = (int)Math.Ceiling(limit * rules.BrandShare);
        var poolSlots = (int)Math.Floor(limit * rules.PoolShare);

        // a page skips what the buyer saw and what breaks the shop rule; ten times the page is enough to fill it from
        var enough = limit * 10;
        foreach (var c in Best(enough, lists.Brand))
        {
            if (_items.Count >= brandSlots) break;
            TryAdd(c, new FeedReason(TrafficSource.Public, "brand", Friends(c), "brand"));
        }

        // the pools' guarantees: half the pool slots for the cold-start pool, half for the tiers above, each lending to the other
        var coldStart = Best(enough, lists.ColdStart);
        var higher = Best(enough, lists.Tiers);
        var poolTarget = _items.Count + poolSlots;
        Fill(coldStart, _items.Count + (poolSlots + 1) / 2, PoolReason);
        Fill(higher, poolTarget, PoolReason);
        Fill(coldStart, poolTarget, PoolReason);

        var rest = Best(enough, personal, lists.Top, lists.Pooled);
        Fill(rest, limit, c => Friends(c) is > 0
            ? new FeedReason(TrafficSource.Private, c.InPool ? PoolTiers.NameOf(c.PoolLevel) : null, Friends(c), null)
            : PoolReason(c));
        return _items;
    }

    /// <summary>Items friends liked or shared: more distinct friends first, then the better item.</summary>
    public IReadOnlyList<ServedItem> Friends(IEnumerable<Candidate> signalled)
    {
        Fill(signalled.OrderByDescending(c => view.FriendsOn(c.Id)).ThenByDescending(c => c.Score), limit,
            c => new FeedReason(TrafficSource.Private, null, view.FriendsOn(c.Id), null));
        return _items;
    }

    /// <summary>What followed shops and creators published: live rooms on air first (even if seen), then newest.</summary>
    public IReadOnlyList<ServedItem> Following(IEnumerable<Candidate> followed)
    {
        var all = followed.ToList();
        foreach (var c in all.Where(c => c.OnAir).OrderByDescending(c => c.Score))
            TryAdd(c, new FeedReason(TrafficSource.Private, null, null, "live"), evenIfSeen: true);
        Fill(all.Where(c => !c.OnAir).OrderByDescending(c => c.CreatedAt), limit, c => new FeedReason(TrafficSource.Private, null, null, null));
        return _items;
    }

    private FeedReason PoolReason(Candidate c) =>
        new(TrafficSource.Public, c.InPool ? PoolTiers.NameOf(c.PoolLevel) : "organic", Friends(c), c.IsBrand ? "brand" : null);

    private int? Friends(Candidate c) => FriendsOn(c) is > 0 and var n ? n : null;

    private void Fill(IEnumerable<Candidate> candidates, int upTo, Func<Candidate, FeedReason> reason)
    {
        foreach (var c in candidates)
        {
            if (_items.Count >= Math.Min(upTo, limit)) return;
            TryAdd(c, reason(c));
        }
    }

    private bool TryAdd(Candidate c, FeedReason reason, bool evenIfSeen = false)
    {
        if (_items.Count >= limit || _taken.Contains(c.Id)) return false;
        if (!evenIfSeen && Seen(c)) return false;
        if (_perShop.GetValueOrDefault(c.Owner) >= rules.MaxPerShop) return false;
        // only public traffic draws on a pool's budget; friends and follows see an item whatever its pool
        if (reason.Source == TrafficSource.Public && !tryServe(c)) return false;
        _taken.Add(c.Id);
        _perShop[c.Owner] = _perShop.GetValueOrDefault(c.Owner) + 1;
        _items.Add(new ServedItem(c, reason, ServedPage.ImpressionId(_pageId, _items.Count)));
        return true;
    }
}
