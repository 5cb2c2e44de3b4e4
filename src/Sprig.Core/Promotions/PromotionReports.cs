using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Promotions;

/// <summary>
/// One promotion's figures over paid orders: how many orders and units it carried, their GMV (what buyers paid),
/// and what it cost its funder (the shop's discounts, or the platform's subsidy less what refunds gave back).
/// </summary>
public sealed record PromotionFigures(string Kind, Guid Id, string Name, CouponFunding Funding, PromotionStatus Status,
    int Orders, int Units, long Gmv, long Cost);

public sealed class PromotionReports(SprigDb db)
{
    public const int MaxRows = 200;

    /// <summary>A shop's coupons and flash sales, and the campaigns its SKUs sold in (cost: the platform's subsidy to it).</summary>
    public async Task<List<PromotionFigures>> ForShopAsync(Guid shopId, CancellationToken ct = default)
    {
        var rows = await CouponRowsAsync(db.Coupons.Where(c => c.ShopId == shopId), ct);
        rows.AddRange(await FlashSaleRowsAsync(shopId, ct));
        rows.AddRange(await CampaignRowsAsync(shopId, ct));
        return rows;
    }

    /// <summary>The platform's coupons and campaigns.</summary>
    public async Task<List<PromotionFigures>> ForPlatformAsync(CancellationToken ct = default)
    {
        var rows = await CouponRowsAsync(db.Coupons.Where(c => c.ShopId == null), ct);
        rows.AddRange(await CampaignRowsAsync(null, ct));
        return rows;
    }

    private async Task<List<PromotionFigures>> CouponRowsAsync(IQueryable<Coupon> coupons, CancellationToken ct)
    {
        var list = await coupons.AsNoTracking().OrderByDescending(c => c.Id).Take(MaxRows).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToArray();
        var paid = db.Orders.AsNoTracking().Where(o => o.PaidAt != null);
        var byShopCoupon = await paid.Where(o => o.ShopCouponId != null && ids.Contains(o.ShopCouponId.Value))
            .GroupBy(o => o.ShopCouponId!.Value)
            .Select(g => new { g.Key, Orders = g.Count(), Units = g.SelectMany(o => o.Lines).Sum(l => l.Quantity), Gmv = g.Sum(o => o.Paid), Cost = g.Sum(o => o.ShopDiscount) })
            .ToDictionaryAsync(x => x.Key, ct);
        var byPlatformCoupon = await paid.Where(o => o.PlatformCouponId != null && ids.Contains(o.PlatformCouponId.Value))
            .GroupBy(o => o.PlatformCouponId!.Value)
            .Select(g => new
            {
                g.Key, Orders = g.Count(), Units = g.SelectMany(o => o.Lines).Sum(l => l.Quantity), Gmv = g.Sum(o => o.Paid),
                // the coupon's part of the lines' platform discount, less what refunds gave back of it (the campaign's part goes back first)
                Cost = g.SelectMany(o => o.Lines).Sum(l => l.PlatformDiscount - l.CampaignSubsidy
                    - (l.SubsidyReturned - (l.SubsidyReturned < l.CampaignSubsidy ? l.SubsidyReturned : l.CampaignSubsidy))),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        return list.Select(c =>
        {
            if (c.Funding == CouponFunding.Shop)
            {
                var f = byShopCoupon.GetValueOrDefault(c.Id);
                return new PromotionFigures("coupon", c.Id, Name(c), c.Funding, c.Status, f?.Orders ?? 0, f?.Units ?? 0, f?.Gmv ?? 0, f?.Cost ?? 0);
            }
            var p = byPlatformCoupon.GetValueOrDefault(c.Id);
            return new PromotionFigures("coupon", c.Id, Name(c), c.Funding, c.Status, p?.Orders ?? 0, p?.Units ?? 0, p?.Gmv ?? 0, p?.Cost ?? 0);
        }).ToList();
    }

    private async Task<List<PromotionFigures>> FlashSaleRowsAsync(Guid shopId, CancellationToken ct)
    {
        var sales = await db.FlashSales.AsNoTracking().Where(f => f.ShopId == shopId).OrderByDescending(f => f.Id).Take(MaxRows).ToListAsync(ct);
        var ids = sales.Select(f => f.Id).ToArray();
        var figures = await PaidLines().Where(l => l.FlashSaleId != null && ids.Contains(l.FlashSaleId.Value))
            .GroupBy(l => l.FlashSaleId!.Value)
            .Select(g => new { g.Key, Orders = g.Select(l => l.OrderId).Distinct().Count(), Units = g.Sum(l => l.Quantity), Gmv = g.Sum(l => l.Paid) })
            .ToDictionaryAsync(x => x.Key, ct);
        return sales.Select(s =>
        {
            var f = figures.GetValueOrDefault(s.Id);
            var units = f?.Units ?? 0;
            return new PromotionFigures("flashSale", s.Id, $"flash sale at {s.Price} fen", CouponFunding.Shop, s.Status,
                f?.Orders ?? 0, units, f?.Gmv ?? 0, units * (s.RegularPrice - s.Price));
        }).ToList();
    }

    private async Task<List<PromotionFigures>> CampaignRowsAsync(Guid? shopId, CancellationToken ct)
    {
        var campaigns = shopId is null
            ? db.Campaigns.AsNoTracking()
            : db.Campaigns.AsNoTracking().Where(c => db.CampaignEntries.Any(e => e.CampaignId == c.Id && e.ShopId == shopId));
        var list = await campaigns.OrderByDescending(c => c.Id).Take(MaxRows).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToArray();
        var lines = PaidLines().Where(l => l.CampaignId != null && ids.Contains(l.CampaignId.Value));
        if (shopId is not null) lines = lines.Where(l => db.Orders.Any(o => o.Id == l.OrderId && o.ShopId == shopId));
        var figures = await lines.GroupBy(l => l.CampaignId!.Value)
            .Select(g => new
            {
                g.Key, Orders = g.Select(l => l.OrderId).Distinct().Count(), Units = g.Sum(l => l.Quantity), Gmv = g.Sum(l => l.Paid),
                // the campaign's subsidy on the lines, less what refunds gave back of it (it goes back first)
                Cost = g.Sum(l => l.CampaignSubsidy - (l.SubsidyReturned < l.CampaignSubsidy ? l.SubsidyReturned : l.CampaignSubsidy)),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        return list.Select(c =>
        {
            var f = figures.GetValueOrDefault(c.Id);
            return new PromotionFigures("campaign", c.Id, c.Name, CouponFunding.Platform, c.Status, f?.Orders ?? 0, f?.Units ?? 0, f?.Gmv ?? 0, f?.Cost ?? 0);
        }).ToList();
    }

    private IQueryable<Ordering.OrderLine> PaidLines() =>
        db.OrderLines.AsNoTracking().Where(l => db.Orders.Any(o => o.Id == l.OrderId && o.PaidAt != null));

    private static string Name(Coupon c) => c.Kind switch
    {
        CouponKind.Threshold => $"{c.Amount} off {c.Threshold}",
        CouponKind.Direct => $"{c.Amount} off",
        CouponKind.Percent => $"pay {c.Percent}%",
        _ => $"buy {c.Threshold}, pay {c.Percent}%",
    };
}
