using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Promotions;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record CouponDto(Guid Id, Guid? ShopId, CouponFunding Funding, CouponKind Kind, string Currency, long Threshold, long Amount, int Percent,
    int TotalQuantity, int Claimed, int Remaining, int PerBuyerLimit, DateTimeOffset ClaimFrom, DateTimeOffset ClaimTo, int? ValidDays,
    IReadOnlyList<Guid>? ProductIds, Guid? BudgetId, Guid? CampaignId, PromotionStatus Status)
{
    public static CouponDto From(Coupon c) => new(c.Id, c.ShopId, c.Funding, c.Kind, Money.Currency, c.Threshold, c.Amount, c.Percent,
        c.TotalQuantity, c.Claimed, c.TotalQuantity - c.Claimed, c.PerBuyerLimit, c.ClaimFrom, c.ClaimTo, c.ValidDays, c.ProductIds,
        c.BudgetId, c.CampaignId, c.Status);
}

public sealed record PromotionReportDto(string Currency, IReadOnlyList<PromotionFigures> Items);

public sealed record BuyerCouponDto(Guid Id, Guid CouponId, string State, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt, Guid? OrderId, CouponDto Coupon);

public static class PromotionsEndpoints
{
    public static void MapPromotionsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/shops/{shopId:guid}/coupons", async (Guid shopId, NewCoupon req, HttpContext http, ShopDesk shops, CouponDesk desk, CancellationToken ct) =>
        {
            var coupon = await desk.CreateForShopAsync(await shops.GetOwnedAsync(shopId, http.User.Id(), ct), req, ct);
            return TypedResults.Created($"/api/coupons/{coupon.Id}", CouponDto.From(coupon));
        }).RequireAuthorization().WithTags("Promotions");

        api.MapGet("/shops/{shopId:guid}/coupons", async (Guid shopId, SprigDb db, CancellationToken ct) =>
        {
            // what a buyer can claim: active coupons of the shop
            var coupons = await db.Coupons.AsNoTracking().Where(c => c.ShopId == shopId && c.Status == PromotionStatus.Active)
                .OrderByDescending(c => c.Id).Take(100).ToListAsync(ct);
            return TypedResults.Ok(coupons.Select(CouponDto.From).ToList());
        }).WithTags("Promotions");

        api.MapPost("/ops/coupons", async (NewCoupon req, CouponDesk desk, CancellationToken ct) =>
        {
            var coupon = await desk.CreateForPlatformAsync(req, ct);
            return TypedResults.Created($"/api/coupons/{coupon.Id}", CouponDto.From(coupon));
        }).RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Promotions");

        // the platform's coupons a buyer can claim now (cross-shop, like "¥5 off every ¥50")
        api.MapGet("/coupons", async (SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var coupons = await db.Coupons.AsNoTracking()
                .Where(c => c.ShopId == null && c.Status == PromotionStatus.Active && c.ClaimFrom <= now && c.ClaimTo > now && c.Claimed < c.TotalQuantity)
                .OrderByDescending(c => c.Id).Take(100).ToListAsync(ct);
            return TypedResults.Ok(coupons.Select(CouponDto.From).ToList());
        }).WithTags("Promotions");

        api.MapGet("/ops/coupons", async (int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Coupons.AsNoTracking().Where(c => c.ShopId == null).PageAsync(c => c.Id, limit, cursor, CouponDto.From, ct)))
            .RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Promotions");

        api.MapPatch("/shops/{shopId:guid}/coupons/{couponId:guid}", async (Guid shopId, Guid couponId, CouponChange change, HttpContext http, ShopDesk shops, CouponDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(CouponDto.From(await desk.ChangeAsync(shopId, couponId, change, ct)));
        }).RequireAuthorization().WithTags("Promotions");

        api.MapPatch("/ops/coupons/{couponId:guid}", async (Guid couponId, CouponChange change, CouponDesk desk, CancellationToken ct) =>
            TypedResults.Ok(CouponDto.From(await desk.ChangeAsync(null, couponId, change, ct))))
            .RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Promotions");

        foreach (var (action, to) in PromotionActions.All)
        {
            api.MapPost($"/shops/{{shopId:guid}}/coupons/{{couponId:guid}}/{action}", async (Guid shopId, Guid couponId, HttpContext http, ShopDesk shops, CouponDesk desk, CancellationToken ct) =>
            {
                await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
                return TypedResults.Ok(CouponDto.From(await desk.MoveAsync(shopId, couponId, to, ct)));
            }).RequireAuthorization().WithTags("Promotions");

            api.MapPost($"/ops/coupons/{{couponId:guid}}/{action}", async (Guid couponId, CouponDesk desk, CancellationToken ct) =>
                TypedResults.Ok(CouponDto.From(await desk.MoveAsync(null, couponId, to, ct))))
                .RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Promotions");
        }

        api.MapGet("/shops/{shopId:guid}/promotions/report", async (Guid shopId, HttpContext http, ShopDesk shops, PromotionReports reports, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(new PromotionReportDto(Money.Currency, await reports.ForShopAsync(shopId, ct)));
        }).RequireAuthorization().WithTags("Promotions");

        api.MapGet("/ops/promotions/report", async (PromotionReports reports, CancellationToken ct) =>
            TypedResults.Ok(new PromotionReportDto(Money.Currency, await reports.ForPlatformAsync(ct))))
            .RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Promotions");

        api.MapGet("/coupons/{couponId:guid}", async (Guid couponId, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(CouponDto.From(await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == couponId, ct)
                ?? throw SprigException.NotFound("Coupon")))).WithTags("Promotions");

        api.MapPost("/coupons/{couponId:guid}/claim", async (Guid couponId, HttpContext http, CouponDesk desk, TimeProvider clock, SprigDb db, CancellationToken ct) =>
        {
            var claimed = await desk.ClaimAsync(couponId, http.User.Id(), ct);
            var coupon = await db.Coupons.AsNoTracking().FirstAsync(c => c.Id == couponId, ct);
            return TypedResults.Created($"/api/me/coupons", From(claimed, coupon, null, clock.GetUtcNow()));
        }).RequireAuthorization().WithTags("Promotions");

        api.MapGet("/me/coupons", async (HttpContext http, SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var now = clock.GetUtcNow();
            var mine = await db.BuyerCoupons.AsNoTracking().Where(b => b.BuyerId == me)
                .Join(db.Coupons.AsNoTracking(), b => b.CouponId, c => c.Id, (b, c) => new { b, c })
                .OrderByDescending(x => x.b.Id).Take(200).ToListAsync(ct);
            // used: a live order names the copy
            var orders = await db.Orders.AsNoTracking()
                .Where(o => o.BuyerId == me && o.Status != OrderStatus.Cancelled && (o.ShopBuyerCouponId != null || o.PlatformBuyerCouponId != null))
                .Select(o => new { o.Id, o.CreatedAt, o.ShopBuyerCouponId, o.PlatformBuyerCouponId }).ToListAsync(ct);
            var usedBy = orders.SelectMany(o => new[] { (Copy: o.ShopBuyerCouponId, o.Id, o.CreatedAt), (Copy: o.PlatformBuyerCouponId, o.Id, o.CreatedAt) })
                .Where(x => x.Copy is not null).ToDictionary(x => x.Copy!.Value, x => (x.Id, x.CreatedAt));
            return TypedResults.Ok(mine.Select(x => From(x.b, x.c, usedBy.TryGetValue(x.b.Id, out var u) ? u : null, now)).ToList());
        }).RequireAuthorization().WithTags("Promotions");
    }

    // expiry needs no job: a claimed coupon is expired the moment the clock passes its end
    private static BuyerCouponDto From(BuyerCoupon b, Coupon c, (Guid OrderId, DateTimeOffset At)? use, DateTimeOffset now) => new(b.Id, b.CouponId,
        use is not null ? "used" : now >= b.ExpiresAt ? "expired" : "available",
        b.ClaimedAt, b.ExpiresAt, use?.At, use?.OrderId, CouponDto.From(c));
}

/// <summary>The routes that pause, resume and end a promotion, and the status each moves it to.</summary>
public static class PromotionActions
{
    public static readonly (string Action, PromotionStatus To)[] All =
        [("pause", PromotionStatus.Paused), ("resume", PromotionStatus.Active), ("end", PromotionStatus.Ended)];
}
