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
            return TypedResults.Created($"/api/shops/{shop.Id}", ShopDto.ForOwner(shop));
        }).RequireAuthorization();

        shops.MapGet("/", async (int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            var q = db.Shops.AsNoTracking().Where(s => s.Status == ShopStatus.Open);
            return TypedResults.Ok(await q.PageAsync(s => s.Id, limit, cursor, ShopDto.From, ct));
        });

        shops.MapGet("/{shopId:guid}", async (Guid shopId, HttpContext http, ShopDesk desk, CancellationToken ct) =>
        {
            var shop = await desk.GetAsync(shopId, ct);
            var ownerOrOperator = http.User.Identity?.IsAuthenticated == true && (shop.OwnerId == http.User.Id() || http.User.IsOperator());
            return TypedResults.Ok(ownerOrOperator ? ShopDto.ForOwner(shop) : ShopDto.From(shop));
        });

        // the merchant's settings: fields left out stay as they are (ShopSettings)
        shops.MapPatch("/{shopId:guid}", async (Guid shopId, ShopSettings req, HttpContext http, ShopDesk desk, CancellationToken ct) =>
        {
            var owned = await desk.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(ShopDto.ForOwner(await desk.ChangeSettingsAsync(owned, req, ct)));
        }).RequireAuthorization();

        api.MapGet("/me/shops", async (HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var mine = await db.Shops.AsNoTracking().Where(s => s.OwnerId == me).OrderBy(s => s.Id).ToListAsync(ct);
            return TypedResults.Ok(mine.Select(ShopDto.ForOwner).ToList());
        }).RequireAuthorization().WithTags("Shops");

        var ops = api.MapGroup("/ops/shops").WithTags("Shops").RequireAuthorization(AuthSetup.OperatorPolicy);
        ops.MapGet("/", async (string? status, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            ShopStatus parsed = default;
            new Validator().Require(status is null || Enum.TryParse(status, true, out parsed), "status", "is not a shop status").ThrowIfInvalid();
            var q = db.Shops.AsNoTracking();
            if (status is not null) q = q.Where(s => s.Status == parsed);
            return TypedResults.Ok(await q.PageAsync(s => s.Id, limit, cursor, ShopDto.ForOwner, ct));
        });
        ops.MapPost("/{shopId:guid}/approve", async (Guid shopId, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.ForOwner(await desk.ApproveAsync(shopId, ct))));
        ops.MapPost("/{shopId:guid}/reject", async (Guid shopId, ReasonRequest req, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.ForOwner(await desk.RejectAsync(shopId, req.Reason, ct))));
        ops.MapPost("/{shopId:guid}/suspend", async (Guid shopId, ReasonRequest req, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.ForOwner(await desk.SuspendAsync(shopId, req.Reason, ct))));
        ops.MapPost("/{shopId:guid}/reinstate", async (Guid shopId, ShopDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ShopDto.ForOwner(await desk.ReinstateAsync(shopId, ct))));
    }
}
