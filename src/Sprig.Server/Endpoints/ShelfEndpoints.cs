using Microsoft.EntityFrameworkCore;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Server.Http;
using Sprig.Shops;
using Sprig.Social;

namespace Sprig.Server.Endpoints;

/// <summary>A page of the shelf, with the scene an order placed from it should carry (<c>scene</c> of POST /api/orders).</summary>
public sealed record ShelfPageDto(IReadOnlyList<ShelfItem> Items, string? NextCursor, Scene Scene)
{
    public static ShelfPageDto From(ShelfPage page, Scene scene) => new(page.Items, page.NextCursor, scene);
}

public sealed record ShopPageDto(ShopDto Shop, long Followers, Scene Scene, ShelfPageDto Products);

/// <summary>The shelf (货架): search, category browsing and shop pages, all served from this node's search index.</summary>
public static class ShelfEndpoints
{
    public static void MapShelfEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search/products", async (string? q, Guid? categoryId, Guid? shopId, long? minPrice, long? maxPrice, string? sort, int? limit,
            string? cursor, ShelfIndex shelf, CancellationToken ct) =>
        {
            var query = ShelfQuery.Create(q, categoryId, shopId, minPrice, maxPrice, sort, Paging.Limit(limit), cursor);
            return TypedResults.Ok(ShelfPageDto.From(await shelf.SearchAsync(query, ct), Scene.Search));
        }).WithTags("Shelf").WithSummary("Search listed products in Chinese or English; relevance blended with sales and GPM");

        api.MapGet("/categories/{categoryId:guid}/products", async (Guid categoryId, string? sort, int? limit, string? cursor, ShelfIndex shelf,
            SprigDb db, CancellationToken ct) =>
        {
            // validated before the lookup, so bad input is 400 whether or not the category exists
            var query = ShelfQuery.Create(null, categoryId, null, null, null, sort, Paging.Limit(limit), cursor);
            if (!await db.Categories.AnyAsync(c => c.Id == categoryId, ct)) throw SprigException.NotFound("Category");
            return TypedResults.Ok(ShelfPageDto.From(await shelf.SearchAsync(query, ct), Scene.Showcase));
        }).WithTags("Shelf").WithSummary("Listed products of a category and every category below it");

        api.MapGet("/shops/{shopId:guid}/page", async (Guid shopId, string? sort, int? limit, string? cursor, ShelfIndex shelf, ShopDesk shops,
            SprigDb db, CancellationToken ct) =>
        {
            var query = ShelfQuery.Create(null, null, shopId, null, null, sort, Paging.Limit(limit), cursor, ShelfSort.Sales);
            var shop = await shops.GetAsync(shopId, ct);
            var followers = await db.Follows.LongCountAsync(f => f.TargetId == shopId && f.TargetKind == FollowTarget.Shop, ct);
            var products = ShelfPageDto.From(await shelf.SearchAsync(query, ct), Scene.Showcase);
            return TypedResults.Ok(new ShopPageDto(ShopDto.From(shop), followers, Scene.Showcase, products));
        }).WithTags("Shelf").WithSummary("A shop's page: the shop, its follower count and its listed products, best sellers first");
    }
}
