using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Ordering;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Merchant;

/// <summary>A shop's numbers for its console: today, to-dos, and the analytics page's charts.</summary>
public sealed record ShopFigures(
    long TodayGmv, int TodayOrders, int TodayBuyers, int ToShip, int AfterSalesWaiting, int ContentHeld,
    IReadOnlyList<DayFigure> Days, SourceSplit Impressions, SourceSplit OrderGmv, IReadOnlyList<(string Scene, long Gmv)> ByScene,
    IReadOnlyList<(string Step, long Count)> Funnel, IReadOnlyList<(string Region, int Public, int Private)> Personas,
    IReadOnlyList<(string Title, int Units, long Gmv)> TopProducts, IReadOnlyList<(string Title, int Orders, long Gmv, int Likes)> TopContent);

public sealed record DayFigure(DateOnly Day, long Gmv, int Orders);

public sealed record SourceSplit(long Public, long Private);

/// <summary>
/// STAND-IN for the Analytics module (issue 6), which does not exist yet: when it lands, replace the body of
/// <see cref="ForAsync"/> with a call to its shop query (GET /api/shops/{shopId}/analytics) and keep
/// <see cref="ShopFigures"/> as the page's shape. Until then this reads the operational tables directly over
/// a short window (paid orders, impressions, feed events, content), which is fine for a demo-sized shop and is
/// exactly what the Analytics module's event facts are for at scale. GMV is original + freight of paid orders
/// (DOMAIN.md); an order's traffic source is private when it came through a share (or an official account or
/// mini program), public otherwise; personas are the buyers' shipping regions, the only buyer attribute the
/// model holds today (gender and age bands arrive with Analytics).
/// </summary>
public sealed class ShopDashboard(SprigDb db, TimeProvider clock)
{
    public const int WindowDays = 14;
    private static readonly Scene[] PrivateScenes = [Scene.Share, Scene.OfficialAccount, Scene.MiniProgram];

    public async Task<ShopFigures> ForAsync(Guid shopId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DayOf(now);
        var from = Start(today.AddDays(-(WindowDays - 1)));

        var paid = await db.Orders.AsNoTracking().Where(o => o.ShopId == shopId && o.PaidAt != null && o.PaidAt >= from)
            .Select(o => new { o.Id, o.BuyerId, PaidAt = o.PaidAt!.Value, Gmv = o.Original + o.Freight, o.Scene, o.SharerChain, o.ContentId, o.Address.Region })
            .ToListAsync(ct);
        var todays = paid.Where(o => DayOf(o.PaidAt) == today).ToList();
        bool IsPrivate(Scene scene, string? chain) => PrivateScenes.Contains(scene) || chain is not null;

        var days = Enumerable.Range(0, WindowDays).Select(i => today.AddDays(i - (WindowDays - 1)))
            .Select(d => new DayFigure(d, paid.Where(o => DayOf(o.PaidAt) == d).Sum(o => o.Gmv), paid.Count(o => DayOf(o.PaidAt) == d))).ToList();

        var impressions = await db.Impressions.AsNoTracking().Where(i => i.ShopId == shopId && i.ServedAt >= from)
            .GroupBy(i => i.Source).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        var itemIds = await db.FeedItems.AsNoTracking().Where(f => f.ShopId == shopId).Select(f => f.Id).ToArrayAsync(ct);
        var events = await db.FeedEvents.AsNoTracking().Where(e => itemIds.Contains(e.ItemId) && e.At >= from)
            .GroupBy(e => e.Type).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        var placed = await db.Orders.AsNoTracking().LongCountAsync(o => o.ShopId == shopId && o.CreatedAt >= from, ct);

        var paidIds = paid.Select(o => o.Id).ToArray();
        var lines = await db.OrderLines.AsNoTracking().Where(l => paidIds.Contains(l.OrderId))
            .GroupBy(l => l.Title).Select(g => new { Title = g.Key, Units = g.Sum(l => l.Quantity), Gmv = g.Sum(l => l.Original + l.Freight) })
            .ToListAsync(ct);
        var byContent = paid.Where(o => o.ContentId is not null).GroupBy(o => o.ContentId!).Select(g => (Id: g.Key, Orders: g.Count(), Gmv: g.Sum(o => o.Gmv))).ToList();
        var contentIds = byContent.Select(c => Guid.TryParse(c.Id, out var g) ? g : Guid.Empty).ToArray();
        var contents = await db.ContentItems.AsNoTracking().Where(c => contentIds.Contains(c.Id) || (c.ShopId == shopId && c.Status == ContentStatus.Published))
            .Select(c => new { c.Id, c.Title, c.LikeCount }).ToListAsync(ct);

        return new ShopFigures(
            todays.Sum(o => o.Gmv), todays.Count, todays.Select(o => o.BuyerId).Distinct().Count(),
            await db.Orders.CountAsync(o => o.ShopId == shopId && (o.Status == OrderStatus.PendingShipment || o.Status == OrderStatus.PartiallyShipped), ct),
            await db.AfterSales.CountAsync(a => a.ShopId == shopId && (a.Status == AfterSaleStatus.MerchantProcessing || a.Status == AfterSaleStatus.WaitingMerchantReceipt), ct),
            await db.ContentItems.CountAsync(c => c.ShopId == shopId && c.Status == ContentStatus.HeldForReview, ct),
            days,
            new SourceSplit(impressions.Where(i => i.Key == TrafficSource.Public).Sum(i => i.N), impressions.Where(i => i.Key == TrafficSource.Private).Sum(i => i.N)),
            new SourceSplit(paid.Where(o => !IsPrivate(o.Scene, o.SharerChain)).Sum(o => o.Gmv), paid.Where(o => IsPrivate(o.Scene, o.SharerChain)).Sum(o => o.Gmv)),
            paid.GroupBy(o => o.Scene).Select(g => (g.Key.ToString(), g.Sum(o => o.Gmv))).OrderByDescending(x => x.Item2).ToList(),
            [
                ("impressions", impressions.Sum(i => i.N)),
                ("clicks", events.Where(e => e.Key == FeedEventType.Click).Sum(e => e.N)),
                ("views", events.Where(e => e.Key is FeedEventType.View or FeedEventType.Watch).Sum(e => e.N)),
                ("placed", placed),
                ("paid", paid.Count),
            ],
            paid.GroupBy(o => RegionOf(o.Region)).Select(g => (g.Key, g.Count(o => !IsPrivate(o.Scene, o.SharerChain)), g.Count(o => IsPrivate(o.Scene, o.SharerChain))))
                .OrderByDescending(x => x.Item2 + x.Item3).Take(8).ToList(),
            lines.OrderByDescending(l => l.Gmv).Take(5).Select(l => (l.Title, l.Units, l.Gmv)).ToList(),
            contents.Select(c => (c.Title, byContent.Where(b => b.Id == c.Id.ToString()).Sum(b => b.Orders), byContent.Where(b => b.Id == c.Id.ToString()).Sum(b => b.Gmv), c.LikeCount))
                .OrderByDescending(c => c.Item3).ThenByDescending(c => c.LikeCount).Take(5).ToList());
    }

    /// <summary>The province or municipality of a shipping region: "上海市浦东新区" → "上海".</summary>
    public static string RegionOf(string region)
    {
        var r = region.Trim();
        foreach (var end in new[] { "省", "市", "自治区" })
        {
            var at = r.IndexOf(end, StringComparison.Ordinal);
            if (at > 0) return r[..at];
        }
        return r.Length > 3 ? r[..3] : r;
    }

    public static DateOnly DayOf(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(Fmt.Beijing).DateTime);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Fmt.Beijing);
}
