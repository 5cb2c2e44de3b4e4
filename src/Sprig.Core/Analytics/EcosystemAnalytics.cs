using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Analytics;

public sealed record ColdStart(long NewShops, long WithFirstSaleIn30Days)
{
    public int RateBps => NewShops == 0 ? 0 : (int)(WithFirstSaleIn30Days * 10_000 / NewShops);
}

/// <summary>Shops that opened in a month, and how many of them sold in each month since (month 0 is the opening month).</summary>
public sealed record Cohort(string Month, long Shops, IReadOnlyList<long> Active);

public sealed record SubsidyRow(Guid SourceId, string Kind, string? Name, long Subsidy, long Gmv, long Orders)
{
    /// <summary>GMV carried per yuan of subsidy, in yuan (0 when nothing was spent).</summary>
    public double GmvPerSubsidyYuan => Subsidy <= 0 ? 0 : Math.Round((double)Gmv / Subsidy, 2);
}

public sealed record ProgramRow(string Program, long Fees);

public sealed record EcosystemReport(
    AnalyticsPeriod Period, Totals Totals, IReadOnlyDictionary<TrafficSource, long> ImpressionsBySource, IReadOnlyDictionary<TrafficSource, Totals> BySource, IReadOnlyList<SceneRow> ByScene, IReadOnlyList<DayRow> ByDay,
    long OpenShops, long NewShops, long ListedSkus, ColdStart ColdStart, IReadOnlyList<Cohort> Retention,
    long SubsidySpent, double GmvPerSubsidyYuan, IReadOnlyList<SubsidyRow> SubsidyBySource, long FeeRevenue, IReadOnlyList<ProgramRow> FeesByProgram);

/// <summary>The operator's view of the ecosystem: platform rollups, shop and catalogue counts off their indexes, cohorts from monthly rollups.</summary>
public sealed class EcosystemAnalytics(SprigDb db)
{
    private const int CohortMonths = 6;

    public async Task<EcosystemReport> ReportAsync(AnalyticsPeriod period, CancellationToken ct)
    {
        var (from, to) = (period.FromDay, period.ToDay);
        var rows = await db.PlatformDailies.AsNoTracking().Where(r => r.Day >= from && r.Day <= to).ToListAsync(ct);
        Totals Sum(IEnumerable<PlatformDaily> r) { var l = r.ToList(); return new(l.Sum(x => x.Gmv), l.Sum(x => x.Paid), l.Sum(x => x.Orders), 0, l.Sum(x => x.Refunds), l.Sum(x => x.Subsidy), l.Sum(x => x.Fees)); }

        var start = AnalyticsDay.Start(period.From);
        var end = AnalyticsDay.Start(period.To.AddDays(1));
        var open = ShopStatus.Open;
        var openShops = await db.Shops.CountAsync(s => s.Status == open, ct);
        var opened = await db.Shops.AsNoTracking().Where(s => s.OpenedAt >= start && s.OpenedAt < end).Select(s => new { s.Id, s.OpenedAt }).ToListAsync(ct);
        var listed = ProductStatus.Listed;
        var listedSkus = await db.Skus.CountAsync(k => db.Products.Any(p => p.Id == k.ProductId && p.Status == listed), ct);

        var openedIds = opened.Select(s => s.Id).ToArray();
        var firstSales = await db.ShopMonthlies.AsNoTracking().Where(m => EF.Parameter(openedIds).Contains(m.ShopId))
            .GroupBy(m => m.ShopId).Select(g => new { g.Key, First = g.Min(m => m.FirstDay) }).ToDictionaryAsync(g => g.Key, g => g.First, ct);
        var succeeded = opened.Count(s => firstSales.TryGetValue(s.Id, out var first)
            && AnalyticsDay.Date(first).DayNumber - AnalyticsDay.Date(AnalyticsDay.Of(s.OpenedAt!.Value)).DayNumber <= 30);

        var subsidies = await db.SubsidyDailies.AsNoTracking().Where(s => s.Day >= from && s.Day <= to)
            .GroupBy(s => s.SourceId).Select(g => new { g.Key, Subsidy = g.Sum(s => s.Subsidy), Gmv = g.Sum(s => s.Gmv), Orders = g.Sum(s => s.Orders) }).ToListAsync(ct);
        var sourceIds = subsidies.Select(s => s.Key).ToArray();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => EF.Parameter(sourceIds).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var coupons = await db.Coupons.AsNoTracking().Where(c => EF.Parameter(sourceIds).Contains(c.Id))
            .Select(c => new { c.Id, c.Kind, c.Threshold, c.Amount }).ToDictionaryAsync(c => c.Id, ct);
        var bySource = subsidies.Select(s => new SubsidyRow(s.Key,
                campaigns.ContainsKey(s.Key) ? "campaign" : "coupon",
                campaigns.GetValueOrDefault(s.Key) ?? (coupons.TryGetValue(s.Key, out var c) ? $"{c.Kind} {c.Threshold / 100m:0.##}/{c.Amount / 100m:0.##}" : null),
                s.Subsidy, s.Gmv, s.Orders))
            .OrderByDescending(s => s.Subsidy).ToList();

        var programs = await db.ProgramDailies.AsNoTracking().Where(p => p.Day >= from && p.Day <= to)
            .GroupBy(p => p.Program).Select(g => new ProgramRow(g.Key, g.Sum(p => p.Fees))).ToListAsync(ct);

        var totals = Sum(rows);
        var subsidisedGmv = bySource.Sum(s => s.Gmv);
        return new EcosystemReport(period, totals,
            Enum.GetValues<TrafficSource>().ToDictionary(s => s, s => rows.Where(r => r.Source == s).Sum(r => r.Impressions)),
            Enum.GetValues<TrafficSource>().ToDictionary(s => s, s => Sum(rows.Where(r => r.Source == s))),
            rows.GroupBy(r => r.Scene).Select(g => new SceneRow(g.Key, g.Sum(r => r.Gmv), g.Sum(r => r.Paid), g.Sum(r => r.Orders))).OrderByDescending(s => s.Gmv).ToList(),
            ShopAnalytics.Days(period).Select(d => rows.Where(r => r.Day == d).ToList()).Zip(ShopAnalytics.Days(period))
                .Select(x => new DayRow(AnalyticsDay.Date(x.Second), x.First.Sum(r => r.Gmv), x.First.Sum(r => r.Paid), x.First.Sum(r => r.Orders), x.First.Sum(r => r.Refunds))).ToList(),
            openShops, opened.Count, listedSkus, new ColdStart(opened.Count, succeeded),
            await RetentionAsync(period, ct),
            totals.Subsidy, totals.Subsidy <= 0 ? 0 : Math.Round((double)subsidisedGmv / totals.Subsidy, 2), bySource,
            totals.Fees, programs.OrderByDescending(p => p.Fees).ToList());
    }

    /// <summary>For each month of the period in which shops opened: how many sold in that month and each of the next five.</summary>
    private async Task<List<Cohort>> RetentionAsync(AnalyticsPeriod period, CancellationToken ct)
    {
        var firstMonth = new DateOnly(period.From.Year, period.From.Month, 1);
        var start = AnalyticsDay.Start(firstMonth);
        var end = AnalyticsDay.Start(period.To.AddDays(1));
        var shops = await db.Shops.AsNoTracking().Where(s => s.OpenedAt >= start && s.OpenedAt < end).Select(s => new { s.Id, s.OpenedAt }).ToListAsync(ct);
        var ids = shops.Select(s => s.Id).ToArray();
        var active = (await db.ShopMonthlies.AsNoTracking().Where(m => EF.Parameter(ids).Contains(m.ShopId) && m.Orders > 0)
            .Select(m => new { m.ShopId, m.Month }).ToListAsync(ct)).Select(m => (m.ShopId, m.Month)).ToHashSet();
        return shops.GroupBy(s => AnalyticsDay.MonthOf(AnalyticsDay.Of(s.OpenedAt!.Value))).OrderBy(g => g.Key).Select(g =>
        {
            var month = new DateOnly(g.Key / 100, g.Key % 100, 1);
            var counts = Enumerable.Range(0, CohortMonths).Select(k =>
            {
                var m = month.AddMonths(k);
                var key = m.Year * 100 + m.Month;
                return (long)g.Count(s => active.Contains((s.Id, key)));
            }).ToList();
            return new Cohort($"{month:yyyy-MM}", g.Count(), counts);
        }).ToList();
    }
}
