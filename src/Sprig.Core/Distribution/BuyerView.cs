using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Social;

namespace Sprig.Distribution;

/// <summary>
/// What the feed knows of one buyer when it assembles a page: friends, follows, the items friends liked or shared
/// lately (with how many distinct friends, and the unseen ones with the most as candidates), category interests, what
/// the buyer was shown in the last hours, and whether personalised recommendation is on. The buyer's own rows are read
/// in one command and the friends' items by id in another (<see cref="BuyerRows"/>), on one connection; friends and
/// their likes and shares come from the node's <see cref="SocialCache"/>.
/// </summary>
public sealed record BuyerView(
    Guid BuyerId,
    bool Personalised,
    IReadOnlySet<Guid> Seen,
    IReadOnlyDictionary<Guid, int> FriendSignals,
    IReadOnlyDictionary<Guid, double> Interests,
    IReadOnlyList<Guid> FollowedShops,
    IReadOnlyList<Guid> FollowedUsers,
    IReadOnlyList<Candidate> Signalled)
{
    public const int MaxFollows = 500;
    /// <summary>
    /// Signalled items read per page: a page and a half's worth of the most-engaged (a page shows a dozen of them at most,
    /// and the next page reads the next unseen ones). Each costs a cold random read and a candidate to score: at 60 they
    /// were about a quarter of a feed's CPU on the 1M world, and a node's copy of them would not pay (one read in nine
    /// found again within a second there).
    /// </summary>
    public const int MaxSignalled = 30;
    /// <summary>
    /// The friends tab's share: it has no other source, and at most two items of a shop go on a page, so the most-engaged
    /// items of a few popular shops would leave its page short (and end the tab) with a recommended page's worth.
    /// </summary>
    public const int MaxSignalledForFriends = 100;
    public static readonly TimeSpan SignalWindow = TimeSpan.FromDays(30);

    public double InterestIn(Guid? categoryId) => categoryId is { } c && Interests.TryGetValue(c, out var w) ? w : 0;

    public int FriendsOn(Guid itemId) => FriendSignals.GetValueOrDefault(itemId);

    public static async Task<BuyerView> LoadAsync(SprigDb db, SocialCache social, Guid buyerId, FeedTab tab, DateTimeOffset now, TimeSpan seenFor, CancellationToken ct)
    {
        // one connection for every read of the page: EF would take one from the pool and give it back per query
        return await PlainCommand.OnConnectionAsync(db, async () =>
        {
            var own = await BuyerRows.ReadAsync(db, buyerId, now - seenFor, interests: tab == FeedTab.Recommended, ct);
            var personalised = own.Personalised;

            // the friends tab always reads friends; recommended only when the buyer allows personalisation
            var signals = new Dictionary<Guid, int>();
            List<Candidate> signalled = [];
            if (tab == FeedTab.Friends || (tab == FeedTab.Recommended && personalised))
            {
                await social.SyncAsync(db, ct);
                var friends = await social.FriendsAsync(db, buyerId, ct);
                if (friends.Length > 0) signals = await social.SignalsAsync(db, friends, now - SignalWindow, ct);
                // the most-engaged first: a page needs a few of them, not every item a friend touched this month
                var ranked = signals.Where(s => !own.Seen.Contains(s.Key)).OrderByDescending(s => s.Value).Select(s => s.Key).ToArray();
                signalled = await BuyerRows.CandidatesAsync(db, ranked, tab == FeedTab.Friends ? MaxSignalledForFriends : MaxSignalled, ct);
            }

            var interests = new Dictionary<Guid, double>();
            if (tab == FeedTab.Recommended && personalised)
            {
                var max = own.Interests.Count == 0 ? 1 : Math.Max(1, own.Interests.Max(r => r.Weight));
                foreach (var (category, weight) in own.Interests) interests[category] = (double)weight / max;
            }

            List<Guid> shops = [], users = [];
            if (tab == FeedTab.Following)
            {
                var follows = await db.Follows.AsNoTracking().Where(f => f.FollowerId == buyerId).Take(MaxFollows)
                    .Select(f => new { f.TargetKind, f.TargetId }).ToListAsync(ct);
                shops = follows.Where(f => f.TargetKind == FollowTarget.Shop).Select(f => f.TargetId).ToList();
                users = follows.Where(f => f.TargetKind == FollowTarget.User).Select(f => f.TargetId).ToList();
            }
            return new BuyerView(buyerId, personalised, own.Seen, signals, interests, shops, users, signalled);
        }, ct);
    }
}
