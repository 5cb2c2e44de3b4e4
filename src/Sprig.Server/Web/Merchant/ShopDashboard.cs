using Microsoft.EntityFrameworkCore;
using Sprig.Analytics;
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
    IReadOnlyList<(string Step, long Count)> Funnel, IReadOnlyList<(string Group, int Public, int Private)> Personas,
    IReadOnlyList<(string Title, int Units, long Gmv)> TopProducts, IReadOnlyList<(string Title, int Orders, long Gmv, int Likes)> TopContent);

public sealed record DayFigure(DateOnly Day, long Gmv, int Orders);

public sealed record SourceSplit(long Public, long Private);

/// <summary>
/// The console's figures of a shop: the analytics module's report (rollups of the facts) for the last
/// <see cref="WindowDays"/> days and for today, and the to-dos from the operational tables (what waits for the
/// merchant now is not an analytic).
/// </summary>
public sealed class ShopDashboard(SprigDb db, ShopAnalytics analytics, TimeProvider clock)
{
    public const int WindowDays = 14;

    public async Task<ShopFigures> ForAsync(Guid shopId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DayOf(now);
        var report = await analytics.ReportAsync(shopId, new AnalyticsPeriod(today.AddDays(-(WindowDays - 1)), today), ct);
        var todays = (await analytics.ReportAsync(shopId, new AnalyticsPeriod(today, today), ct)).Totals;
        var pub = report.BySource[TrafficSource.Public];
        var priv = report.BySource[TrafficSource.Private];
        var funnel = report.Funnel;

        var contentIds = report.TopContent.Select(c => c.ItemId).ToArray();
        var likes = await db.ContentItems.AsNoTracking().Where(c => contentIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.LikeCount, ct);

        return new ShopFigures(
            todays.Gmv, (int)todays.Orders, (int)todays.Buyers,
            await db.Orders.CountAsync(o => o.ShopId == shopId && (o.Status == OrderStatus.PendingShipment || o.Status == OrderStatus.PartiallyShipped), ct),
            await db.AfterSales.CountAsync(a => a.ShopId == shopId && (a.Status == AfterSaleStatus.MerchantProcessing || a.Status == AfterSaleStatus.WaitingMerchantReceipt), ct),
            await db.ContentItems.CountAsync(c => c.ShopId == shopId && c.Status == ContentStatus.HeldForReview, ct),
            report.ByDay.Select(d => new DayFigure(d.Day, d.Gmv, (int)d.Orders)).ToList(),
            new SourceSplit(report.FunnelBySource[TrafficSource.Public].Impressions, report.FunnelBySource[TrafficSource.Private].Impressions),
            new SourceSplit(pub.Gmv, priv.Gmv),
            report.ByScene.Select(s => (s.Scene.ToString(), s.Gmv)).ToList(),
            [
                ("impressions", funnel.Impressions),
                ("clicks", funnel.Clicks),
                ("views", funnel.ProductViews),
                ("placed", funnel.OrdersPlaced),
                ("paid", funnel.OrdersPaid),
            ],
            Personas(report),
            report.TopProducts.Take(5).Select(p => (p.Title ?? p.ItemId.ToString()[..8], (int)p.Orders, p.Gmv)).ToList(),
            report.TopContent.Take(5).Select(c => (c.Title ?? c.ItemId.ToString()[..8], (int)c.Orders, c.Gmv, likes.GetValueOrDefault(c.ItemId))).ToList());
    }

    /// <summary>Every persona group the module shows (it withholds groups under ten buyers), public beside private.</summary>
    private static List<(string Group, int Public, int Private)> Personas(ShopReport r)
    {
        IEnumerable<(string Group, long Buyers)> Of(Personas p) =>
            p.Gender.Select(g => ("gender." + g.Value, g.Buyers)).Concat(p.AgeBand.Select(g => ("age." + g.Value, g.Buyers))).Concat(p.CityTier.Select(g => ("city." + g.Value, g.Buyers)));
        var pub = Of(r.PersonasBySource[TrafficSource.Public]).ToDictionary(x => x.Group, x => x.Buyers);
        var priv = Of(r.PersonasBySource[TrafficSource.Private]).ToDictionary(x => x.Group, x => x.Buyers);
        return pub.Keys.Union(priv.Keys).Select(k => (k, (int)pub.GetValueOrDefault(k), (int)priv.GetValueOrDefault(k)))
            .OrderByDescending(x => x.Item2 + x.Item3).Take(10).ToList();
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
