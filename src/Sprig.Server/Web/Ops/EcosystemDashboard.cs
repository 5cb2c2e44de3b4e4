using Microsoft.EntityFrameworkCore;
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
/// STAND-IN for the Analytics module's ecosystem query (issue 6; GET /api/ops/analytics/ecosystem), which does not
/// exist yet: when it lands, replace the body of <see cref="ForAsync"/> with a call to it and keep
/// <see cref="EcosystemFigures"/> as the dashboard's shape. Until then it reads the operational tables directly:
/// paid orders by day (GMV = original + freight), shops by status, kind and opening date, listed SKUs by top-level
/// category, impressions by traffic source, the subsidy spent and fees earned from the ledger's platform accounts,
/// budgets as drawn, and the review queues' lengths. Cold-start success is the share of shops opened in the last
/// 30 days that have a paid order.
/// </summary>
public sealed class EcosystemDashboard(SprigDb db, TimeProvider clock)
{
    public async Task<EcosystemFigures> ForAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ShopDashboard.DayOf(now);
        var from = ShopDashboard.Start(today.AddDays(-(ShopDashboard.WindowDays - 1)));
        var monthAgo = now.AddDays(-30);

        var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAt != null && o.PaidAt >= from)
            .Select(o => new { PaidAt = o.PaidAt!.Value, Gmv = o.Original + o.Freight }).ToListAsync(ct);
        var days = Enumerable.Range(0, ShopDashboard.WindowDays).Select(i => today.AddDays(i - (ShopDashboard.WindowDays - 1)))
            .Select(d => new DayFigure(d, paid.Where(o => ShopDashboard.DayOf(o.PaidAt) == d).Sum(o => o.Gmv), paid.Count(o => ShopDashboard.DayOf(o.PaidAt) == d))).ToList();

        var shops = await db.Shops.AsNoTracking().Select(s => new { s.Id, s.Status, s.Kind, s.OpenedAt }).ToListAsync(ct);
        var newShops = shops.Where(s => s.OpenedAt >= monthAgo).Select(s => s.Id).ToArray();
        var withSale = await db.Orders.AsNoTracking().Where(o => newShops.Contains(o.ShopId) && o.PaidAt != null).Select(o => o.ShopId).Distinct().CountAsync(ct);

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

        var impressions = await db.Impressions.AsNoTracking().Where(i => i.ServedAt >= from).GroupBy(i => i.Source)
            .Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        // the platform's accounts: debits positive, so an expense's sum is what was spent and revenue's negative sum is what was earned
        var subsidy = await db.JournalLines.AsNoTracking().Where(l => l.Account == LedgerAccount.PlatformSubsidyExpense).SumAsync(l => (long?)l.Amount, ct) ?? 0;
        var fees = -(await db.JournalLines.AsNoTracking().Where(l => l.Account == LedgerAccount.PlatformFeeRevenue).SumAsync(l => (long?)l.Amount, ct) ?? 0);
        var budgets = await db.SubsidyBudgets.AsNoTracking().OrderByDescending(b => b.Id).Take(8).Select(b => new { b.Name, b.Total, b.Drawn }).ToListAsync(ct);

        return new EcosystemFigures(
            shops.Count(s => s.Status == ShopStatus.Open), shops.Count(s => s.Status == ShopStatus.PendingReview), newShops.Length,
            listed.Sum(l => l.N), paid.Sum(o => o.Gmv), subsidy, fees, newShops.Length, withSale, days, byCategory,
            shops.GroupBy(s => s.Kind).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key).ToList(),
            new SourceSplit(impressions.Where(i => i.Key == TrafficSource.Public).Sum(i => i.N), impressions.Where(i => i.Key == TrafficSource.Private).Sum(i => i.N)),
            budgets.Select(b => (b.Name, b.Total, b.Drawn)).ToList(),
            shops.Count(s => s.Status == ShopStatus.PendingReview),
            await db.ContentItems.CountAsync(c => c.Status == ContentStatus.HeldForReview, ct),
            await db.Comments.CountAsync(c => c.Status == CommentStatus.HeldForReview, ct),
            await db.AfterSales.CountAsync(a => a.Status == AfterSaleStatus.Arbitrating, ct));
    }
}
