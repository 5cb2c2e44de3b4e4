using Microsoft.EntityFrameworkCore;
using Sprig.Analytics;
using Sprig.Catalog;
using Sprig.Content;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Finance;
using Sprig.Ordering;
using Sprig.Server.Web.Merchant;
using Sprig.Shops;

namespace Sprig.Server.Web.Ops;

public sealed record EcosystemFigures(
    int OpenShops, int PendingShops, int NewShops, int ListedSkus, long Gmv, long SubsidySpent, long FeeRevenue, int ColdStartShops, int ColdStartWithSale,
    IReadOnlyList<DayFigure> Days, IReadOnlyList<(string Category, string? CategoryEn, int Skus)> SkusByCategory, IReadOnlyList<(ShopKind Kind, int Shops)> ShopsByKind,
    SourceSplit Impressions, IReadOnlyList<(string Budget, long Total, long Drawn)> Budgets,
    int ShopsToReview, int ContentToReview, int CommentsToReview, int Arbitrations);

/// <summary>
/// The operator's dashboard: the analytics module's ecosystem report (rollups of the facts) for the last
/// <see cref="ShopDashboard.WindowDays"/> days, beside what only the operational tables know now (shops by kind,
/// listed SKUs by top-level category, budgets as drawn, the review queues' lengths).
/// </summary>
public sealed class EcosystemDashboard(SprigDb db, EcosystemAnalytics analytics, TimeProvider clock)
{
    public async Task<EcosystemFigures> ForAsync(CancellationToken ct)
    {
        var today = ShopDashboard.DayOf(clock.GetUtcNow());
        var report = await analytics.ReportAsync(new AnalyticsPeriod(today.AddDays(-(ShopDashboard.WindowDays - 1)), today), ct);
        // cold start counts the shops opened in the last 30 days, as DOMAIN.md's measure does
        var coldStart = (await analytics.ReportAsync(new AnalyticsPeriod(today.AddDays(-29), today), ct)).ColdStart;

        var shops = await db.Shops.AsNoTracking().Select(s => new { s.Status, s.Kind }).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var listed = await db.Skus.AsNoTracking().Join(db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Listed), s => s.ProductId, p => p.Id, (s, p) => p.CategoryId)
            .GroupBy(c => c).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        Category Top(Guid id)
        {
            var c = categories.First(x => x.Id == id);
            while (c.ParentId is { } parent) c = categories.First(x => x.Id == parent);
            return c;
        }
        var byCategory = listed.GroupBy(l => Top(l.Key)).Select(g => (g.Key.Name, g.Key.NameEn, g.Sum(x => x.N))).OrderByDescending(x => x.Item3).ToList();
        var budgets = await db.SubsidyBudgets.AsNoTracking().OrderByDescending(b => b.Id).Take(8).Select(b => new { b.Name, b.Total, b.Drawn }).ToListAsync(ct);

        return new EcosystemFigures(
            (int)report.OpenShops, shops.Count(s => s.Status == ShopStatus.PendingReview), (int)coldStart.NewShops,
            (int)report.ListedSkus, report.Totals.Gmv, report.SubsidySpent, report.FeeRevenue, (int)coldStart.NewShops, (int)coldStart.WithFirstSaleIn30Days,
            report.ByDay.Select(d => new DayFigure(d.Day, d.Gmv, (int)d.Orders)).ToList(), byCategory,
            shops.GroupBy(s => s.Kind).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key).ToList(),
            new SourceSplit(report.ImpressionsBySource[TrafficSource.Public], report.ImpressionsBySource[TrafficSource.Private]),
            budgets.Select(b => (b.Name, b.Total, b.Drawn)).ToList(),
            shops.Count(s => s.Status == ShopStatus.PendingReview),
            await db.ContentItems.CountAsync(c => c.Status == ContentStatus.HeldForReview, ct),
            await db.Comments.CountAsync(c => c.Status == CommentStatus.HeldForReview, ct),
            await db.AfterSales.CountAsync(a => a.Status == AfterSaleStatus.Arbitrating, ct));
    }
}
