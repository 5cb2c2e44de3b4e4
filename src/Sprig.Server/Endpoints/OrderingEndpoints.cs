using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record CreateOrderRequest(
    IReadOnlyList<OrderItem>? Items, Address? Address, IReadOnlyList<Guid>? CouponIds, string? ImpressionId, string? Scene,
    string? ContentId, Guid? CreatorId, string? ShareId);

public sealed record QuoteRequest(IReadOnlyList<OrderItem>? Items, IReadOnlyList<Guid>? CouponIds);

public sealed record QuoteLineDto(Guid SkuId, int Quantity, long UnitPrice, Guid? FlashSaleId, Guid? CampaignId, long Original,
    long Subsidy, long ShopDiscount, long PlatformDiscount, long Paid);

public sealed record QuoteDto(string Currency, Guid ShopId, long Original, long Subsidy, long ShopDiscount, long PlatformDiscount, long Paid,
    IReadOnlyList<Guid> CouponIds, IReadOnlyList<QuoteLineDto> Lines, BestCouponsDto Best);

/// <summary>The buyer's coupons that take the most off this cart, and the price with them.</summary>
public sealed record BestCouponsDto(IReadOnlyList<Guid> CouponIds, long ShopDiscount, long PlatformDiscount, long Paid);

public sealed record ShipRequest(string? Carrier, string? TrackingNumber, IReadOnlyList<Guid>? LineIds);

public static class OrderingEndpoints
{
    public static void MapOrderingEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Ordering").RequireAuthorization();

        orders.MapPost("/", async (CreateOrderRequest req, HttpContext http, OrderPlacement placement, IDbContextFactory<SprigDb> dbs, CancellationToken ct) =>
        {
            var key = http.Request.Headers[Idempotency.Header].ToString();
            var me = http.User.Id();
            var source = new OrderSource(req.ImpressionId, req.ShareId, req.Scene, req.ContentId, req.CreatorId, null, null);
            if (!Attribution.NamesRecords(source)) source = Attribution.Claimed(source);
            else
            {
                // what brought the order, from the platform's own records (the impression, the share link, the live room)
                await using var db = await dbs.CreateDbContextAsync(ct);
                var skus = req.Items?.Where(i => i?.SkuId is not null).Select(i => i!.SkuId!.Value).ToList() ?? [];
                source = await Attribution.ResolveAsync(db, me, source, skus, ct);
            }
            var order = await placement.PlaceAsync(new PlaceOrder(
                me, req.Items, req.Address, source.Scene, source.ImpressionId, source.ContentId, source.CreatorId,
                source.SharerChain, source.TrafficPool, string.IsNullOrEmpty(key) ? null : key, req.CouponIds), ct);
            return TypedResults.Created($"/api/orders/{order.Id}", OrderDto.From(order));
        });

        // the cart's price: the same calculator as checkout, with the best combination of the buyer's coupons
        orders.MapPost("/quote", async (QuoteRequest req, HttpContext http, OrderQuotes quotes, CancellationToken ct) =>
        {
            var quote = await quotes.QuoteAsync(http.User.Id(), req.Items, req.CouponIds, ct);
            var q = quote.Chosen.Quote;
            return TypedResults.Ok(new QuoteDto(Money.Currency, quote.Chosen.Cart.ShopId, q.Original, q.Subsidy, q.ShopDiscount, q.PlatformDiscount, q.Paid,
                quote.Chosen.Cart.CouponIds,
                quote.Chosen.Lines.Select(l => new QuoteLineDto(l.SkuId, l.Quantity, l.UnitPrice, l.FlashSaleId, l.CampaignId, l.Price.Original,
                    l.Price.Subsidy, l.Price.ShopDiscount, l.Price.PlatformDiscount, l.Price.Paid)).ToList(),
                new BestCouponsDto(quote.BestCouponIds, quote.Best.ShopDiscount, quote.Best.PlatformDiscount, quote.Best.Paid)));
        });

        orders.MapGet("/", async (int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var q = db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).Where(o => o.BuyerId == me);
            return TypedResults.Ok(await q.PageAsync(o => o.Id, limit, cursor, OrderDto.From, ct));
        });

        orders.MapGet("/{orderId:guid}", async (Guid orderId, HttpContext http, OrderDesk desk, CancellationToken ct) =>
            TypedResults.Ok(OrderDto.From(await desk.GetVisibleAsync(orderId, http.User.Id(), http.User.IsOperator(), ct))));

        orders.MapPost("/{orderId:guid}/cancel", async (Guid orderId, HttpContext http, OrderDesk desk, CancellationToken ct) =>
            TypedResults.Ok(OrderDto.From(await desk.CancelByBuyerAsync(orderId, http.User.Id(), ct))));

        orders.MapPost("/{orderId:guid}/confirm-receipt", async (Guid orderId, HttpContext http, OrderDesk desk, CancellationToken ct) =>
            TypedResults.Ok(OrderDto.From(await desk.ConfirmReceiptAsync(orderId, http.User.Id(), ct))));

        var shop = api.MapGroup("/shops/{shopId:guid}/orders").WithTags("Ordering").RequireAuthorization();
        shop.MapGet("/", async (Guid shopId, string? status, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            OrderStatus parsed = default;
            new Validator().Require(status is null || (Enum.TryParse(status, true, out parsed) && Enum.IsDefined(parsed)), "status",
                "is not an order status (a name such as pendingShipment, or its code such as 20)").ThrowIfInvalid();
            var q = db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).Where(o => o.ShopId == shopId);
            if (status is not null) q = q.Where(o => o.Status == parsed);
            return TypedResults.Ok(await q.PageAsync(o => o.Id, limit, cursor, OrderDto.From, ct));
        });

        shop.MapPost("/{orderId:guid}/cancel", async (Guid shopId, Guid orderId, HttpContext http, ShopDesk shops, OrderDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(OrderDto.From(await desk.CancelByShopAsync(shopId, orderId, ct)));
        });

        shop.MapPost("/{orderId:guid}/ship", async (Guid shopId, Guid orderId, ShipRequest req, HttpContext http, ShopDesk shops, OrderDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(OrderDto.From(await desk.ShipAsync(shopId, orderId, req.Carrier, req.TrackingNumber, req.LineIds, ct)));
        });
    }
}
