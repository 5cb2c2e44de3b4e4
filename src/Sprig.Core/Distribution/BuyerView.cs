using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Social;

namespace Sprig.Distribution;

/// <summary>
/// What the feed knows of one buyer when it assembles a page: friends, follows, the items friends liked or shared
/// lately (with how many distinct friends), category interests, what the buyer was shown in the last hours, and
/// whether personalised recommendation is on. Every read is an index range of this buyer's (or their friends') rows.
/// </summary>
public sealed record BuyerView(
    Guid BuyerId,
    bool Personalised,
    IReadOnlySet<Guid> Seen,
    IReadOnlyDictionary<Guid, int> FriendSignals,
    IReadOnlyDictionary<Guid, double> Interests,
    IReadOnlyList<Guid> FollowedShops,
    IReadOnlyList<Guid> FollowedUsers)
{
    public const int MaxFriends = 500;
    public const int MaxSignals = 500;
    public const int MaxFollows = 500;
    public static readonly TimeSpan SignalWindow = TimeSpan.FromDays(30);

    public double InterestIn(Guid? categoryId) => categoryId is { } c && Interests.TryGetValue(c, out var w) ? w : 0;

    public int FriendsOn(Guid itemId) => FriendSignals.GetValueOrDefault(itemId);

    public static async Task<BuyerView> LoadAsync(SprigDb db, Guid buyerId, FeedTab tab, DateTimeOffset now, TimeSpan seenFor, CancellationToken ct)
    {
        var seenSince = now - seenFor;
        var seen = (await db.Impressions.AsNoTracking().Where(i => i.BuyerId == buyerId && i.ServedAt >= seenSince)
            .Select(i => i.ItemId).ToListAsync(ct)).ToHashSet();
        var personalised = await db.FeedPreferences.AsNoTracking().Where(p => p.UserId == buyerId).Select(p => (bool?)p.Personalised)
            .FirstOrDefaultAsync(ct) ?? true;

        // the friends tab always reads friends; recommended only when the buyer allows personalisation
        var signals = new Dictionary<Guid, int>();
        if (tab == FeedTab.Friends || (tab == FeedTab.Recommended && personalised))
        {
            var friends = await db.Friendships.AsNoTracking().Where(f => f.UserId == buyerId).Select(f => f.FriendId).Take(MaxFriends).ToListAsync(ct);
            if (friends.Count > 0)
            {
                var since = now - SignalWindow;
                var ids = friends.ToArray();
                var liked = await db.Likes.AsNoTracking().Where(l => EF.Parameter(ids).Contains(l.UserId) && l.CreatedAt >= since)
                    .OrderByDescending(l => l.CreatedAt).Take(MaxSignals).Select(l => new { l.TargetId, l.UserId }).ToListAsync(ct);
                var shared = await db.Shares.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.UserId) && s.CreatedAt >= since)
                    .OrderByDescending(s => s.CreatedAt).Take(MaxSignals).Select(s => new { s.TargetId, s.UserId }).ToListAsync(ct);
                foreach (var g in liked.Concat(shared).GroupBy(x => x.TargetId))
                    signals[g.Key] = g.Select(x => x.UserId).Distinct().Count();
            }
        }

        var interests = new Dictionary<Guid, double>();
        if (tab == FeedTab.Recommended && personalised)
        {
            var rows = await db.BuyerInterests.AsNoTracking().Where(i => i.BuyerId == buyerId)
                .OrderByDescending(i => i.Weight).Take(10).Select(i => new { i.CategoryId, i.Weight }).ToListAsync(ct);
            var max = rows.Count == 0 ? 1 : Math.Max(1, rows.Max(r => r.Weight));
            foreach (var r in rows) interests[r.CategoryId] = (double)r.Weight / max;
        }

        List<Guid> shops = [], users = [];
        if (tab == FeedTab.Following)
        {
            var follows = await db.Follows.AsNoTracking().Where(f => f.FollowerId == buyerId).Take(MaxFollows)
                .Select(f => new { f.TargetKind, f.TargetId }).ToListAsync(ct);
            shops = follows.Where(f => f.TargetKind == FollowTarget.Shop).Select(f => f.TargetId).ToList();
            users = follows.Where(f => f.TargetKind == FollowTarget.User).Select(f => f.TargetId).ToList();
        }
        return new BuyerView(buyerId, personalised, seen, signals, interests, shops, users);
    }
}
