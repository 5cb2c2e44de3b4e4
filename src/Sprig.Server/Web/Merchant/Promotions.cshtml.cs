using Microsoft.AspNetCore.Mvc;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's coupons: create, pause, resume, end (CouponDesk). Flash sales and campaign entries have their own tabs.</summary>
public sealed class PromotionsModel(SprigDb db, CouponDesk coupons, TimeProvider clock) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Coupon> Coupons { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostCouponAsync(Guid id, string action, CancellationToken ct) =>
        RunAsync(() => coupons.MoveAsync(Shop.Id, id, PromotionMoves.To(action), ct), Say("saved"));

    public Task<IActionResult> OnPostNewCouponAsync(string? kind, string? threshold, string? amount, int? percent, int? totalQuantity, int? perBuyerLimit, int? days, CancellationToken ct) =>
        RunAsync(() =>
        {
            var now = clock.GetUtcNow();
            return coupons.CreateForShopAsync(Shop, new NewCoupon(kind, ParseYuan(threshold, "threshold"), ParseYuan(amount, "amount"), percent, totalQuantity, perBuyerLimit,
                now, now.AddDays(days ?? 7), null, null), ct);
        }, Say("saved"));

    protected override async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        var page = await db.Coupons.Where(c => c.ShopId == Shop.Id).PageAsync(c => c.Id, 20, Cursor, c => c, HttpContext.RequestAborted);
        (Coupons, NextCursor) = (page.Items, page.NextCursor);
    }
}
