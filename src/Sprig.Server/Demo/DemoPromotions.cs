using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Shops;

namespace Sprig.Server.Demo;

/// <summary>
/// The demo's promotions, so a visitor meets each lever at once: a shop 满减 coupon and a platform "¥5 off every ¥50"
/// coupon to claim, a flash sale on the charger, and a Double 11 campaign with a platform subsidy on the nuts.
/// </summary>
public sealed class DemoPromotions(SprigDb db, CouponDesk coupons, FlashSaleDesk flashSales, CampaignDesk campaigns, TimeProvider clock)
{
    public async Task SeedAsync(Shop shop, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await coupons.CreateForShopAsync(shop, new NewCoupon("threshold", Threshold: 10_000, Amount: 1_500, Percent: null, TotalQuantity: 1_000,
            PerBuyerLimit: 1, ClaimFrom: now, ClaimTo: now.AddDays(30), ValidDays: 7, Budget: null), ct);
        await coupons.CreateForPlatformAsync(new NewCoupon("threshold", Threshold: 5_000, Amount: 500, Percent: null, TotalQuantity: 10_000,
            PerBuyerLimit: 2, ClaimFrom: now, ClaimTo: now.AddDays(30), ValidDays: 7, Budget: 1_000_000), ct);

        var charger = await SkuAsync(shop, "20W 快充充电器", "白色", ct);
        await flashSales.CreateAsync(shop, new NewFlashSale(charger, Price: 2_900, Quota: 100, PerBuyerLimit: 1, StartsAt: now, EndsAt: now.AddDays(7)), ct);

        var campaign = await campaigns.CreateAsync(new NewCampaign("双11 狂欢节 Double 11", now, now.AddDays(14), SubsidyBps: 1_000, Budget: 5_000_000), ct);
        var nuts = await SkuAsync(shop, "每日坚果 30 袋装", "30 袋", ct);
        var entry = await campaigns.EnrolAsync(shop, campaign.Id, new NewCampaignEntry(nuts, 11_900), ct);
        await campaigns.ApproveAsync(entry.Id, ct);
    }

    private Task<Guid> SkuAsync(Shop shop, string title, string sku, CancellationToken ct) =>
        db.Skus.Where(s => s.ShopId == shop.Id && s.Name == sku)
            .Join(db.Products.Where(p => p.Title == title), s => s.ProductId, p => p.Id, (s, p) => s.Id)
            .FirstAsync(ct);
}
