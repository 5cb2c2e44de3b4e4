using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Promotions;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>The platform's coupons to claim, and the buyer's own (GET /api/me/coupons), with the claim action every page uses.</summary>
public sealed class CouponsModel(SprigDb db, CouponDesk coupons, TimeProvider clock) : WebPage
{
    public sealed record Mine(Coupon Coupon, string State, DateTimeOffset ExpiresAt, Guid? OrderId);

    public List<ClaimableCoupon> Platform { get; private set; } = [];
    public List<Mine> MineList { get; private set; } = [];
    public IReadOnlyList<Mine> MineItems => MineList;
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var platform = await db.Coupons.AsNoTracking()
            .Where(c => c.ShopId == null && c.Status == PromotionStatus.Active && c.ClaimFrom <= now && c.ClaimTo > now && c.Claimed < c.TotalQuantity)
            .OrderByDescending(c => c.Id).Take(50).ToListAsync(ct);
        var me = SignedIn ? Me : (Guid?)null;
        Platform = await WithHeldAsync(db, me, platform, ct);
        if (me is not { } buyer) return;

        var page = await db.BuyerCoupons.AsNoTracking().Where(b => b.BuyerId == buyer).PageAsync(b => b.Id, 20, cursor, b => b, ct);
        var ids = page.Items.Select(b => b.CouponId).Distinct().ToArray();
        var terms = await db.Coupons.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var copies = page.Items.Select(b => b.Id).ToArray();
        // a copy is used while a live order names it (cancelling the order gives it back)
        var used = await db.Orders.AsNoTracking()
            .Where(o => o.Status != Ordering.OrderStatus.Cancelled && ((o.ShopBuyerCouponId != null && copies.Contains(o.ShopBuyerCouponId.Value))
                || (o.PlatformBuyerCouponId != null && copies.Contains(o.PlatformBuyerCouponId.Value))))
            .Select(o => new { o.Id, o.ShopBuyerCouponId, o.PlatformBuyerCouponId }).ToListAsync(ct);
        MineList = page.Items.Select(b =>
        {
            var order = used.FirstOrDefault(o => o.ShopBuyerCouponId == b.Id || o.PlatformBuyerCouponId == b.Id);
            var state = order is not null ? "used" : b.ExpiresAt <= now ? "expired" : "available";
            return new Mine(terms[b.CouponId], state, b.ExpiresAt, order?.Id);
        }).ToList();
        NextCursor = page.NextCursor;
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid couponId, string? back, CancellationToken ct)
    {
        var here = Account.SignInModel.SafeBack(back);
        if (!SignedIn)
        {
            var signIn = "/signin?back=" + Uri.EscapeDataString(here);
            if (!IsHtmx) return LocalRedirect(signIn);
            Response.Headers["HX-Redirect"] = signIn;
            return new EmptyResult();
        }
        string? problem = null;
        try
        {
            await coupons.ClaimAsync(couponId, Me, ct);
        }
        catch (SprigException e)
        {
            problem = $"{Text.Find("problem." + e.Code, L.En) ?? e.Message} ({e.Code})";
        }
        if (!IsHtmx)
        {
            TempData[NoticeKey] = problem ?? Say("coupon.claimedNotice");
            return LocalRedirect(here);
        }
        var coupon = await db.Coupons.AsNoTracking().FirstAsync(c => c.Id == couponId, ct);
        return Partial("_ClaimCoupon", (await WithHeldAsync(db, Me, [coupon], ct))[0] with { Problem = problem });
    }

    public static async Task<List<ClaimableCoupon>> WithHeldAsync(SprigDb db, Guid? buyer, IReadOnlyList<Coupon> coupons, CancellationToken ct)
    {
        var ids = coupons.Select(c => c.Id).ToArray();
        var held = buyer is { } b
            ? await db.BuyerCoupons.AsNoTracking().Where(x => x.BuyerId == b && ids.Contains(x.CouponId)).GroupBy(x => x.CouponId)
                .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct)
            : [];
        return coupons.Select(c => new ClaimableCoupon(c, held.GetValueOrDefault(c.Id))).ToList();
    }
}
