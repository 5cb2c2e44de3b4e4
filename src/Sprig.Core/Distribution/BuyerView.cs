using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Social;

namespace Sprig.Distribution;

/// <summary>
/// What the feed knows of one buyer when it assembles a page: friends, follows, the items friends liked or shared
/// lately (with how many distinct friends), category interests, what the buyer was shown in the last hours, and
/// whether personalised recommendation is on. Every read is an index range of this buyer's rows; friends and their
/// likes and shares come from the node's <see cref="SocialCache"/>.
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
    public const int MaxFollows = 500;
    public static readonly TimeSpan SignalWindow = TimeSpan.FromDays(30);

    public double InterestIn(Guid? categoryId) => categoryId is { } c && Interests.TryGetValue(c, out var w) ? w : 0;

    public int FriendsOn(Guid itemId) => FriendSignals.GetValueOrDefault(itemId);

    public static async Task<BuyerView> LoadAsync(SprigDb db, SocialCache social, Guid buyerId, FeedTab tab, DateTimeOffset now, TimeSpan seenFor, CancellationToken ct)
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
            await social.SyncAsync(db, ct);
            var friends = await social.FriendsAsync(db, buyerId, ct);
            if (friends.Length > 0) signals = await social.SignalsAsync(db, friends, now - SignalWindow, ct);
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
