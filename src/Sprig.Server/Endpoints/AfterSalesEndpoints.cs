using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record ApplyAfterSaleRequest(Guid? LineId, string? Type, long? Amount, string? Reason);
public sealed record NoteRequest(string? Note, string? Reason);
public sealed record ReturnParcelRequest(string? Carrier, string? TrackingNumber);
public sealed record AmountRequest(long? Amount);
public sealed record ArbitrateRequest(string? Decision, string? Note);

public sealed record AfterSaleDto(Guid Id, Guid OrderId, Guid LineId, Guid ShopId, Guid BuyerId, AfterSaleType Type, AfterSaleStatus Status,
    string Currency, long Amount, long Freight, string Reason, string? MerchantNote, string? ReturnCarrier, string? ReturnTrackingNumber,
    string? ArbitrationNote, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? RejectedAt, DateTimeOffset? ResolvedAt, bool AfterSettlement,
    Address? ReturnAddress)
{
    public static AfterSaleDto From(AfterSale a) => new(a.Id, a.OrderId, a.LineId, a.ShopId, a.BuyerId, a.Type, a.Status, Money.Currency,
        a.Amount, a.Freight, a.Reason, a.MerchantNote, a.ReturnCarrier, a.ReturnTrackingNumber, a.ArbitrationNote, a.CreatedAt, a.DueAt,
        a.RejectedAt, a.ResolvedAt, a.AfterSettlement, a.ReturnAddress);
}

public static class AfterSalesEndpoints
{
    public static void MapAfterSalesEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/orders/{orderId:guid}/after-sales", async (Guid orderId, ApplyAfterSaleRequest req, HttpContext http, AfterSaleDesk desk, CancellationToken ct) =>
        {
            var sale = await desk.ApplyAsync(orderId, http.User.Id(), req.LineId, req.Type, req.Amount, req.Reason, ct);
            return TypedResults.Created($"/api/after-sales/{sale.Id}", AfterSaleDto.From(sale));
        }).RequireAuthorization().WithMetadata(new IdempotentAttribute()).WithTags("After-sales");

        api.MapGet("/orders/{orderId:guid}/after-sales", async (Guid orderId, HttpContext http, OrderDesk orders, SprigDb db, CancellationToken ct) =>
        {
            await orders.GetVisibleAsync(orderId, http.User.Id(), http.User.IsOperator(), ct);
            var rows = await db.AfterSales.AsNoTracking().Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(AfterSaleDto.From).ToList());
        }).RequireAuthorization().WithTags("After-sales");

        var mine = api.MapGroup("/after-sales/{id:guid}").RequireAuthorization().WithTags("After-sales");
        mine.MapGet("/", async (Guid id, HttpContext http, AfterSaleDesk desk, SprigDb db, CancellationToken ct) =>
        {
            var sale = await desk.GetAsync(id, ct);
            var me = http.User.Id();
            var allowed = sale.BuyerId == me || http.User.IsOperator() || await db.Shops.AnyAsync(s => s.Id == sale.ShopId && s.OwnerId == me, ct);
            if (!allowed) throw SprigException.Forbidden("This after-sale is not yours.");
            return TypedResults.Ok(AfterSaleDto.From(sale));
        });
        mine.MapPost("/return", async (Guid id, ReturnParcelRequest req, HttpContext http, AfterSaleDesk desk, CancellationToken ct) =>
            TypedResults.Ok(AfterSaleDto.From(await desk.ShipReturnAsync(http.User.Id(), id, req.Carrier, req.TrackingNumber, ct))));
        mine.MapPost("/amount", async (Guid id, AmountRequest req, HttpContext http, AfterSaleDesk desk, CancellationToken ct) =>
            TypedResults.Ok(AfterSaleDto.From(await desk.LowerAmountAsync(http.User.Id(), id, req.Amount, ct))));
        mine.MapPost("/cancel", async (Guid id, HttpContext http, AfterSaleDesk desk, CancellationToken ct) =>
            TypedResults.Ok(AfterSaleDto.From(await desk.CancelAsync(http.User.Id(), id, ct))));
        mine.MapPost("/escalate", async (Guid id, HttpContext http, AfterSaleDesk desk, CancellationToken ct) =>
            TypedResults.Ok(AfterSaleDto.From(await desk.EscalateAsync(http.User.Id(), id, ct))));

        var shop = api.MapGroup("/shops/{shopId:guid}/after-sales").RequireAuthorization().WithTags("After-sales");
        shop.MapGet("/", async (Guid shopId, string? status, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            AfterSaleStatus parsed = default;
            new Validator().Require(status is null || (Enum.TryParse(status, true, out parsed) && Enum.IsDefined(parsed)), "status", "is not an after-sale status").ThrowIfInvalid();
            var q = db.AfterSales.AsNoTracking().Where(a => a.ShopId == shopId);
            if (status is not null) q = q.Where(a => a.Status == parsed);
            return TypedResults.Ok(await q.PageAsync(x => x.Id, limit, cursor, AfterSaleDto.From, ct));
        });
        shop.MapPost("/{id:guid}/approve", async (Guid shopId, Guid id, HttpContext http, ShopDesk shops, AfterSaleDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(AfterSaleDto.From(await desk.ApproveAsync(shopId, id, null, ct)));
        }).WithMetadata(new IdempotentAttribute());
        shop.MapPost("/{id:guid}/reject", async (Guid shopId, Guid id, NoteRequest req, HttpContext http, ShopDesk shops, AfterSaleDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(AfterSaleDto.From(await desk.RejectAsync(shopId, id, req.Reason ?? req.Note, ct)));
        });
        shop.MapPost("/{id:guid}/confirm-return", async (Guid shopId, Guid id, HttpContext http, ShopDesk shops, AfterSaleDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(AfterSaleDto.From(await desk.ConfirmReturnAsync(shopId, id, ct)));
        }).WithMetadata(new IdempotentAttribute());

        var ops = api.MapGroup("/ops/after-sales").RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("After-sales");
        ops.MapGet("/", async (int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            var q = db.AfterSales.AsNoTracking().Where(a => a.Status == AfterSaleStatus.Arbitrating);
            return TypedResults.Ok(await q.PageAsync(x => x.Id, limit, cursor, AfterSaleDto.From, ct));
        });
        ops.MapPost("/{id:guid}/arbitrate", async (Guid id, ArbitrateRequest req, AfterSaleDesk desk, CancellationToken ct) =>
            TypedResults.Ok(AfterSaleDto.From(await desk.ArbitrateAsync(id, req.Decision, req.Note, ct))));
    }
}
