using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Promotions;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record FlashSaleDto(Guid Id, Guid ShopId, Guid SkuId, Guid ProductId, string Currency, long Price, long RegularPrice,
    int Quota, int Sold, int Remaining, int PerBuyerLimit, DateTimeOffset StartsAt, DateTimeOffset EndsAt, PromotionStatus Status, bool On)
{
    public static FlashSaleDto From(FlashSale f, DateTimeOffset now) => new(f.Id, f.ShopId, f.SkuId, f.ProductId, Money.Currency, f.Price, f.RegularPrice,
        f.Quota, f.Sold, f.Quota - f.Sold, f.PerBuyerLimit, f.StartsAt, f.EndsAt, f.Status, f.IsOn(now) && f.Sold < f.Quota);
}

public static class FlashSalesEndpoints
{
    public static void MapFlashSalesEndpoints(this RouteGroupBuilder api)
    {
        var shop = api.MapGroup("/shops/{shopId:guid}/flash-sales").WithTags("Promotions").RequireAuthorization();

        shop.MapPost("/", async (Guid shopId, NewFlashSale req, HttpContext http, ShopDesk shops, FlashSaleDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            var sale = await desk.CreateAsync(await shops.GetOwnedAsync(shopId, http.User.Id(), ct), req, ct);
            return TypedResults.Created($"/api/shops/{shopId}/flash-sales/{sale.Id}", FlashSaleDto.From(sale, clock.GetUtcNow()));
        });

        shop.MapGet("/", async (Guid shopId, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            var now = clock.GetUtcNow();
            return TypedResults.Ok(await db.FlashSales.AsNoTracking().Where(f => f.ShopId == shopId)
                .PageAsync(f => f.Id, limit, cursor, f => FlashSaleDto.From(f, now), ct));
        });

        shop.MapPatch("/{saleId:guid}", async (Guid shopId, Guid saleId, FlashSaleChange change, HttpContext http, ShopDesk shops, FlashSaleDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(FlashSaleDto.From(await desk.ChangeAsync(shopId, saleId, change, ct), clock.GetUtcNow()));
        });

        foreach (var (action, to) in PromotionActions.All)
        {
            shop.MapPost($"/{{saleId:guid}}/{action}", async (Guid shopId, Guid saleId, HttpContext http, ShopDesk shops, FlashSaleDesk desk, TimeProvider clock, CancellationToken ct) =>
            {
                await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
                return TypedResults.Ok(FlashSaleDto.From(await desk.MoveAsync(shopId, saleId, to, ct), clock.GetUtcNow()));
            });
        }

        // what a product page shows: its flash sales on now or to come, its campaign prices, and the shop's coupons to claim
        api.MapGet("/products/{productId:guid}/promotions", async (Guid productId, SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, ct) ?? throw SprigException.NotFound("Product");
            var flash = await db.FlashSales.AsNoTracking()
                .Where(f => f.ProductId == productId && f.Status == PromotionStatus.Active && f.EndsAt > now).OrderBy(f => f.StartsAt).Take(20).ToListAsync(ct);
            var campaign = await db.CampaignEntries.AsNoTracking().Where(e => e.ProductId == productId && e.Status == EntryStatus.Approved)
                .Join(db.Campaigns.AsNoTracking().Where(c => c.Status == PromotionStatus.Active && c.EndsAt > now), e => e.CampaignId, c => c.Id,
                    (e, c) => new CampaignPriceDto(c.Id, c.Name, e.SkuId, e.Price, c.SubsidyBps, c.StartsAt, c.EndsAt))
                .Take(20).ToListAsync(ct);
            var coupons = await db.Coupons.AsNoTracking()
                .Where(c => c.ShopId == product.ShopId && c.Status == PromotionStatus.Active && c.ClaimFrom <= now && c.ClaimTo > now && c.Claimed < c.TotalQuantity)
                .OrderByDescending(c => c.Id).Take(20).ToListAsync(ct);
            return TypedResults.Ok(new ProductPromotionsDto(Money.Currency, flash.Select(f => FlashSaleDto.From(f, now)).ToList(), campaign,
                coupons.Where(c => c.AppliesTo(productId)).Select(CouponDto.From).ToList()));
        }).WithTags("Promotions");
    }
}

public sealed record CampaignPriceDto(Guid CampaignId, string Name, Guid SkuId, long Price, int SubsidyBps, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record ProductPromotionsDto(string Currency, IReadOnlyList<FlashSaleDto> FlashSales, IReadOnlyList<CampaignPriceDto> Campaigns, IReadOnlyList<CouponDto> Coupons);
