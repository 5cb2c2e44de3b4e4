using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;

namespace Sprig.Bench;

/// <summary>
/// The baseline the feed is measured against: per request, read every eligible item with its counters, score each
/// with the same model and the same buyer view, sort, apply the page rules and log the page. Correct, and what a
/// first version would do; its cost grows with the catalogue.
/// </summary>
public static class NaiveFeed
{
    private sealed record Row(Guid Id, FeedItemKind Kind, Guid? ShopId, Guid? AuthorId, Guid? CategoryId, bool IsBrand,
        long Impressions, long Clicks, long Watches, long Completions, long Likes, long Shares, long Orders, long Gmv);

    public static async Task<int> ServeAsync(IDbContextFactory<SprigDb> dbs, SignalWriter signals, Guid buyerId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // a cache of its own per request: the naive feed reads the buyer's friends and their likes from the tables every time
        var social = new SocialCache(Microsoft.Extensions.Options.Options.Create(new SocialCacheOptions()));
        var view = await BuyerView.LoadAsync(db, social, buyerId, FeedTab.Recommended, now, TimeSpan.FromHours(24), ct);
        var all = await db.FeedItems.AsNoTracking().Where(f => f.Eligible)
            .Select(f => new Row(f.Id, f.Kind, f.ShopId, f.AuthorId, f.CategoryId, f.IsBrand, f.Impressions, f.Clicks, f.Watches, f.Completions, f.Likes, f.Shares, f.Orders, f.Gmv))
            .ToListAsync(ct);
        var ranked = all
            .Select(r => (Row: r, Score: Ranking.Score(new ItemStats(r.Impressions, r.Clicks, r.Watches, r.Completions, r.Likes, r.Shares, r.Orders, r.Gmv))
                * Ranking.Personal(view.InterestIn(r.CategoryId), view.FriendsOn(r.Id)) * (r.IsBrand ? 1.2 : 1)))
            .OrderByDescending(x => x.Score);
        var page = new List<Row>();
        var perShop = new Dictionary<Guid, int>();
        foreach (var (row, _) in ranked)
        {
            if (page.Count == 20) break;
            var owner = row.ShopId ?? row.AuthorId ?? row.Id;
            if (view.Seen.Contains(row.Id) || perShop.GetValueOrDefault(owner) >= 2) continue;
            perShop[owner] = perShop.GetValueOrDefault(owner) + 1;
            page.Add(row);
        }
        await signals.ImpressionsAsync(page.Select((r, i) => new Impression
        {
            Id = Ids.New(), BuyerId = buyerId, ItemId = r.Id, Kind = r.Kind, ShopId = r.ShopId, Tab = FeedTab.Recommended,
            Source = TrafficSource.Public, Pool = "organic", Position = i, ServedAt = now,
        }).ToList(), [], ct);
        return page.Count;
    }
}
