using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record CategoryNode(Guid Id, string Name, string? NameEn, int FeeRateBps, long Deposit, string Currency, IReadOnlyList<CategoryNode> Children);
public sealed record StockRequest(string? Op, int? Quantity);
public sealed record CategoryChange(int? FeeRateBps, long? Deposit);

public static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/categories", async (SprigDb db, CancellationToken ct) =>
        {
            var all = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
            CategoryNode Node(Category c) => new(c.Id, c.Name, c.NameEn, c.FeeRateBps, c.DepositFen, Money.Currency,
                all.Where(x => x.ParentId == c.Id).Select(Node).ToList());
            return TypedResults.Ok(all.Where(c => c.ParentId is null).Select(Node).ToList());
        }).WithTags("Catalog");

        api.MapPut("/ops/categories/{categoryId:guid}", async (Guid categoryId, CategoryChange req, SprigDb db, CancellationToken ct) =>
        {
            new Validator()
                .Require(req.FeeRateBps is null || Category.AllowedFeeRatesBps.Contains(req.FeeRateBps.Value), "feeRateBps", "must be one of 100, 200, 250, 300, 400, 500")
                .Require(req.Deposit is null or (>= 0 and <= 100_000_000), "deposit", "must be between 0 and 100000000 fen")
                .ThrowIfInvalid();
            var c = await db.Categories.FirstOrDefaultAsync(x => x.Id == categoryId, ct) ?? throw SprigException.NotFound("Category");
            if (req.FeeRateBps is { } fee) c.FeeRateBps = fee;
            if (req.Deposit is { } deposit) c.DepositFen = deposit;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new CategoryNode(c.Id, c.Name, c.NameEn, c.FeeRateBps, c.DepositFen, Money.Currency, []));
        }).RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Catalog");

        var shop = api.MapGroup("/shops/{shopId:guid}").WithTags("Catalog");
        shop.MapPost("/products", async (Guid shopId, NewProduct req, HttpContext http, ShopDesk shops, ProductDesk products, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            var product = await products.CreateAsync(owned, req, ct);
            return TypedResults.Created($"/api/products/{product.Id}", ProductDto.From(product));
        }).RequireAuthorization();

        shop.MapGet("/products", async (Guid shopId, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var caller = http.User.Identity?.IsAuthenticated == true ? http.User.Id() : Guid.Empty;
            var isOwner = await db.Shops.AnyAsync(s => s.Id == shopId && s.OwnerId == caller, ct);
            var q = db.Products.AsNoTracking().Include(p => p.Skus).Where(p => p.ShopId == shopId);
            if (!isOwner) q = q.Where(p => p.Status == ProductStatus.Listed);
            return TypedResults.Ok(await q.PageAsync(p => p.Id, limit, cursor, ProductDto.From, ct));
        });

        shop.MapPost("/products/{productId:guid}/list", async (Guid shopId, Guid productId, HttpContext http, ShopDesk shops, ProductDesk products, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(ProductDto.From(await products.ListAsync(owned, productId, ct)));
        }).RequireAuthorization();

        shop.MapPost("/products/{productId:guid}/delist", async (Guid shopId, Guid productId, HttpContext http, ShopDesk shops, ProductDesk products, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(ProductDto.From(await products.DelistAsync(owned, productId, ct)));
        }).RequireAuthorization();

        shop.MapPatch("/products/{productId:guid}", async (Guid shopId, Guid productId, ProductEdit req, HttpContext http, ShopDesk shops, ProductDesk products, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            await products.EditAsync(owned, productId, req, ct);
            return TypedResults.Ok(ProductDto.From(await products.GetAsync(productId, ct)));
        }).RequireAuthorization();

        shop.MapPatch("/skus/{skuId:guid}", async (Guid shopId, Guid skuId, SkuEdit req, HttpContext http, ShopDesk shops, ProductDesk products, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(SkuDto.From(await products.EditSkuAsync(owned, skuId, req, ct)));
        }).RequireAuthorization();

        shop.MapPost("/skus/{skuId:guid}/stock", async (Guid shopId, Guid skuId, StockRequest req, HttpContext http, ShopDesk shops, ProductDesk products, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(SkuDto.From(await products.ChangeStockAsync(owned, skuId, req.Op, req.Quantity, ct)));
        }).RequireAuthorization();

        api.MapGet("/products/{productId:guid}", async (Guid productId, HttpContext http, ProductDesk products, SprigDb db, CancellationToken ct) =>
        {
            var product = await products.GetAsync(productId, ct);
            if (product.Status != ProductStatus.Listed)
            {
                // unlisted products are visible only to their shop and the operator
                var caller = http.User.Identity?.IsAuthenticated == true ? http.User.Id() : Guid.Empty;
                var allowed = http.User.IsOperator() || await db.Shops.AnyAsync(s => s.Id == product.ShopId && s.OwnerId == caller, ct);
                if (!allowed) throw SprigException.NotFound("Product");
            }
            return TypedResults.Ok(ProductDto.From(product));
        }).WithTags("Catalog");
    }
}
