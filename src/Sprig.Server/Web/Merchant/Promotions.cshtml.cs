using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;

namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's coupons (create, pause, resume, end), its flash sales, and the campaigns with its entries (Promotions' desks).</summary>
public sealed class PromotionsModel(SprigDb db, CouponDesk coupons, TimeProvider clock) : MerchantPage
{
    public List<Coupon> Coupons { get; private set; } = [];
    public List<FlashSale> FlashSales { get; private set; } = [];
    public List<Campaign> Campaigns { get; private set; } = [];
    public List<CampaignEntry> Entries { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostCouponAsync(Guid id, string action, CancellationToken ct) => RunAsync(() => coupons.MoveAsync(Shop.Id, id,
        action switch { "pause" => PromotionStatus.Paused, "resume" => PromotionStatus.Active, _ => PromotionStatus.Ended }, ct), Say("o.fees.saved"));

    public Task<IActionResult> OnPostNewCouponAsync(string? kind, string? threshold, string? amount, int? percent, int? totalQuantity, int? perBuyerLimit, int? days, CancellationToken ct) =>
        RunAsync(() =>
        {
            var now = clock.GetUtcNow();
            return coupons.CreateForShopAsync(Shop, new NewCoupon(kind, ParseYuan(threshold, "threshold"), ParseYuan(amount, "amount"), percent, totalQuantity, perBuyerLimit,
                now, now.AddDays(days ?? 7), null, null), ct);
        }, Say("o.fees.saved"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Coupons = await db.Coupons.AsNoTracking().Where(c => c.ShopId == Shop.Id).OrderByDescending(c => c.Id).Take(50).ToListAsync(ct);
        FlashSales = await db.FlashSales.AsNoTracking().Where(f => f.ShopId == Shop.Id).OrderByDescending(f => f.Id).Take(50).ToListAsync(ct);
        Campaigns = await db.Campaigns.AsNoTracking().Where(c => c.Status != PromotionStatus.Ended).OrderByDescending(c => c.Id).Take(20).ToListAsync(ct);
        Entries = await db.CampaignEntries.AsNoTracking().Where(e => e.ShopId == Shop.Id).ToListAsync(ct);
    }
}
