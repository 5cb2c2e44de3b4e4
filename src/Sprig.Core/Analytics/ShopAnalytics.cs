using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Analytics;

public sealed record Totals(long Gmv, long Paid, long Orders, long Buyers, long Refunds, long Subsidy, long Fees)
{
    public long NetGmv => Gmv - Refunds;
    /// <summary>Average order value in fen (paid amount per paid order).</summary>
    public long Aov => Orders == 0 ? 0 : Paid / Orders;
    /// <summary>Refunded share of the paid amount, in basis points.</summary>
    public int RefundRateBps => Paid == 0 ? 0 : (int)Math.Min(10_000, Refunds * 10_000 / Paid);
}

public sealed record Funnel(long Impressions, long Clicks, long ProductViews, long AddToCarts, long OrdersPlaced, long OrdersPaid);

public sealed record DayRow(DateOnly Day, long Gmv, long Paid, long Orders, long Refunds);

public sealed record SceneRow(Scene Scene, long Gmv, long Paid, long Orders);

public sealed record ItemRow(Guid ItemId, FeedItemKind? Kind, string? Title, long Impressions, long Clicks, long Orders, long Gmv)
{
    /// <summary>GMV per 1,000 impressions, in fen.</summary>
    public long Gpm => Impressions == 0 ? 0 : Gmv * 1_000 / Impressions;
}

public sealed record CreatorRow(Guid CreatorId, string? Name, long Orders, long Gmv);

public sealed record PersonaGroup(string Value, long Buyers);

/// <summary>Buyers of one traffic source by each persona field; groups under the privacy threshold are withheld (summed, when that sum is itself large enough).</summary>
public sealed record Personas(IReadOnlyList<PersonaGroup> Gender, IReadOnlyList<PersonaGroup> AgeBand, IReadOnlyList<PersonaGroup> CityTier);

public sealed record ShopReport(
    Guid ShopId, AnalyticsPeriod Period, Totals Totals, IReadOnlyDictionary<TrafficSource, Totals> BySource, IReadOnlyList<SceneRow> ByScene,
    IReadOnlyList<DayRow> ByDay, Funnel Funnel, IReadOnlyDictionary<TrafficSource, Funnel> FunnelBySource,
    IReadOnlyList<ItemRow> TopProducts, IReadOnlyList<ItemRow> TopContent, IReadOnlyList<CreatorRow> Creators,
    IReadOnlyDictionary<TrafficSource, Personas> PersonasBySource);

/// <summary>
/// A shop's dashboard from its rollups: every figure is a sum over at most (days × scenes × sources) rows, or a
/// distinct count over the days' buyer rows, so it costs the same whatever the size of the facts behind it.
/// </summary>
public sealed class ShopAnalytics(SprigDb db)
{
    /// <summary>No persona group smaller than this is shown: nobody can be singled out.</summary>
    public const int MinGroup = 10;
    private const int Top = 10;

    public async Task<ShopReport> ReportAsync(Guid shopId, AnalyticsPeriod period, CancellationToken ct)
    {
        var (from, to) = (period.FromDay, period.ToDay);
        var rows = await db.ShopDailies.AsNoTracking().Where(r => r.ShopId == shopId && r.Day >= from && r.Day <= to).ToListAsync(ct);
        var buyers = db.ShopBuyerDailies.AsNoTracking().Where(b => b.ShopId == shopId && b.Day >= from && b.Day <= to);
        var distinct = await buyers.Select(b => b.BuyerId).Distinct().CountAsync(ct);
        var bySourceBuyers = await buyers.GroupBy(b => b.Source).Select(g => new { g.Key, N = g.Select(b => b.BuyerId).Distinct().Count() }).ToListAsync(ct);

        Totals Sum(IEnumerable<ShopDaily> r, long n) { var l = r.ToList(); return new(l.Sum(x => x.Gmv), l.Sum(x => x.Paid), l.Sum(x => x.Orders), n, l.Sum(x => x.Refunds), l.Sum(x => x.Subsidy), l.Sum(x => x.Fees)); }
        Funnel FunnelOf(IEnumerable<ShopDaily> r) { var l = r.ToList(); return new(l.Sum(x => x.Impressions), l.Sum(x => x.Clicks), l.Sum(x => x.ProductViews), l.Sum(x => x.AddToCarts), l.Sum(x => x.OrdersPlaced), l.Sum(x => x.Orders)); }

        var sources = Enum.GetValues<TrafficSource>();
        var items = await db.ItemDailies.AsNoTracking().Where(i => i.ShopId == shopId && i.Day >= from && i.Day <= to)
            .GroupBy(i => i.ItemId)
            .Select(g => new { ItemId = g.Key, Impressions = g.Sum(i => i.Impressions), Clicks = g.Sum(i => i.Clicks), Orders = g.Sum(i => i.Orders), Gmv = g.Sum(i => i.Gmv) })
            .OrderByDescending(g => g.Gmv).ThenByDescending(g => g.Impressions).Take(Top * 4).ToListAsync(ct);
        var itemIds = items.Select(i => i.ItemId).ToArray();
        var known = await db.FeedItems.AsNoTracking().Where(f => EF.Parameter(itemIds).Contains(f.Id)).Select(f => new { f.Id, f.Kind, f.Title }).ToDictionaryAsync(f => f.Id, ct);
        var itemRows = items.Select(i => new ItemRow(i.ItemId, known.GetValueOrDefault(i.ItemId)?.Kind, known.GetValueOrDefault(i.ItemId)?.Title, i.Impressions, i.Clicks, i.Orders, i.Gmv)).ToList();

        var creators = await db.CreatorDailies.AsNoTracking().Where(c => c.ShopId == shopId && c.Day >= from && c.Day <= to)
            .GroupBy(c => c.CreatorId).Select(g => new { g.Key, Orders = g.Sum(c => c.Orders), Gmv = g.Sum(c => c.Gmv) })
            .OrderByDescending(g => g.Gmv).Take(Top).ToListAsync(ct);
        var creatorIds = creators.Select(c => c.Key).ToArray();
        var names = await db.Users.AsNoTracking().Where(u => EF.Parameter(creatorIds).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        return new ShopReport(shopId, period,
            Sum(rows, distinct),
            sources.ToDictionary(s => s, s => Sum(rows.Where(r => r.Source == s), bySourceBuyers.FirstOrDefault(b => b.Key == s)?.N ?? 0)),
            rows.GroupBy(r => r.Scene).Select(g => new SceneRow(g.Key, g.Sum(r => r.Gmv), g.Sum(r => r.Paid), g.Sum(r => r.Orders))).OrderByDescending(s => s.Gmv).ToList(),
            ByDay(rows, period),
            FunnelOf(rows),
            sources.ToDictionary(s => s, s => FunnelOf(rows.Where(r => r.Source == s))),
            itemRows.Where(i => i.Kind is FeedItemKind.Product).Take(Top).ToList(),
            itemRows.Where(i => i.Kind is not FeedItemKind.Product and not null).Take(Top).ToList(),
            creators.Select(c => new CreatorRow(c.Key, names.GetValueOrDefault(c.Key), c.Orders, c.Gmv)).ToList(),
            await PersonasAsync(buyers, ct));
    }

    /// <summary>Distinct buyers by persona field and source, joined to profiles as they are now (a cleared profile counts as unknown).</summary>
    private async Task<IReadOnlyDictionary<TrafficSource, Personas>> PersonasAsync(IQueryable<ShopBuyerDaily> buyers, CancellationToken ct)
    {
        var joined =
            from b in buyers.Select(b => new { b.Source, b.BuyerId }).Distinct()
            join p in db.BuyerProfiles.AsNoTracking() on b.BuyerId equals p.UserId into ps
            from p in ps.DefaultIfEmpty()
            select new { b.Source, Gender = p == null ? null : p.Gender, AgeBand = p == null ? null : p.AgeBand, CityTier = p == null ? null : p.CityTier };
        var gender = await joined.GroupBy(x => new { x.Source, x.Gender }).Select(g => new { g.Key.Source, Value = g.Key.Gender, N = g.LongCount() }).ToListAsync(ct);
        var age = await joined.GroupBy(x => new { x.Source, x.AgeBand }).Select(g => new { g.Key.Source, Value = g.Key.AgeBand, N = g.LongCount() }).ToListAsync(ct);
        var city = await joined.GroupBy(x => new { x.Source, x.CityTier }).Select(g => new { g.Key.Source, Value = g.Key.CityTier, N = g.LongCount() }).ToListAsync(ct);
        return Enum.GetValues<TrafficSource>().ToDictionary(s => s, s => new Personas(
            Groups(gender.Where(g => g.Source == s).Select(g => (g.Value?.ToString(), g.N))),
            Groups(age.Where(g => g.Source == s).Select(g => (g.Value?.ToString(), g.N))),
            Groups(city.Where(g => g.Source == s).Select(g => (g.Value?.ToString(), g.N)))));
    }

    private static List<DayRow> ByDay(List<ShopDaily> rows, AnalyticsPeriod period)
    {
        var byDay = rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.ToList());
        return Days(period).Select(d =>
        {
            var l = byDay.GetValueOrDefault(d) ?? [];
            return new DayRow(AnalyticsDay.Date(d), l.Sum(r => r.Gmv), l.Sum(r => r.Paid), l.Sum(r => r.Orders), l.Sum(r => r.Refunds));
        }).ToList();
    }

    private static List<PersonaGroup> Groups(IEnumerable<(string? Value, long Buyers)> counts)
    {
        var counted = counts.Select(c => new PersonaGroup(Camel(c.Value ?? "unknown"), c.Buyers)).ToList();
        var shown = counted.Where(g => g.Buyers >= MinGroup).OrderByDescending(g => g.Buyers).ToList();
        var withheld = counted.Where(g => g.Buyers < MinGroup).Sum(g => g.Buyers);
        if (withheld >= MinGroup) shown.Add(new PersonaGroup("withheld", withheld));
        return shown;
    }

    private static string Camel(string s) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s);

    public static IEnumerable<int> Days(AnalyticsPeriod p)
    {
        for (var d = p.From; d <= p.To; d = d.AddDays(1)) yield return AnalyticsDay.Of(d);
    }
}
