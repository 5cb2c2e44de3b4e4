using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record OpenShopRequest(string? Name, string? Kind);
public sealed record ReasonRequest(string? Reason);

public static class ShopsEndpoints
{
    public static void MapShopsEndpoints(this RouteGroupBuilder api)
    {
        var shops = api.MapGroup("/shops").WithTags("Shops");
        shops.MapPost("/", async (OpenShopRequest req, HttpContext http, ShopDesk desk, CancellationToken ct) =>
        {
            var shop = await desk.OpenAsync(http.User.Id(), req.Name, req.Kind, ct);
            return TypedResults.Created($"/api/shops/{shop.Id}", ShopDto.From(shop));
        }).RequireAuthorization();

        shops.MapGet("/", async (int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            var take = Paging.Limit(limit);
            var after = Paging.After(cursor);
            var q = db.Shops.AsNoTracking().Where(s => s.Status == ShopStatus.Open);
            if (after is { } a) q = q.Where(s => s.Id < a);
            var rows = await q.OrderByDescending(s => s.Id).Take(take + 1).ToListAsync(ct);
            return TypedResults.Ok(Paging.Of(rows, take, s => s.Id, ShopDto.From));
        });

        shops.MapGet("/{shopId:guid}", async (Guid shopId, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.From(await desk.GetAsync(shopId, ct))));

        api.MapGet("/me/shops", async (HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var mine = await db.Shops.AsNoTracking().Where(s => s.OwnerId == me).OrderBy(s => s.Id).ToListAsync(ct);
            return TypedResults.Ok(mine.Select(ShopDto.From).ToList());
        }).RequireAuthorization().WithTags("Shops");

        var ops = api.MapGroup("/ops/shops").WithTags("Shops").RequireAuthorization(AuthSetup.OperatorPolicy);
        ops.MapGet("/", async (string? status, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            var take = Paging.Limit(limit);
            var after = Paging.After(cursor);
            ShopStatus parsed = default;
            new Validator().Require(status is null || Enum.TryParse(status, true, out parsed), "status", "is not a shop status").ThrowIfInvalid();
            var q = db.Shops.AsNoTracking();
            if (status is not null) q = q.Where(s => s.Status == parsed);
            if (after is { } a) q = q.Where(s => s.Id < a);
            var rows = await q.OrderByDescending(s => s.Id).Take(take + 1).ToListAsync(ct);
            return TypedResults.Ok(Paging.Of(rows, take, s => s.Id, ShopDto.From));
        });
        ops.MapPost("/{shopId:guid}/approve", async (Guid shopId, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.From(await desk.ApproveAsync(shopId, ct))));
        ops.MapPost("/{shopId:guid}/reject", async (Guid shopId, ReasonRequest req, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.From(await desk.RejectAsync(shopId, req.Reason, ct))));
        ops.MapPost("/{shopId:guid}/suspend", async (Guid shopId, ReasonRequest req, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.From(await desk.SuspendAsync(shopId, req.Reason, ct))));
        ops.MapPost("/{shopId:guid}/reinstate", async (Guid shopId, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.From(await desk.ReinstateAsync(shopId, ct))));
    }
}
