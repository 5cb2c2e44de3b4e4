using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;

namespace Sprig.Server.Endpoints;

/// <summary>The operator's spot checks of listed products (ProductReviewDesk): the queue, pass, block with a reason, unblock.</summary>
public static class ProductReviewEndpoints
{
    public static void MapProductReviewEndpoints(this RouteGroupBuilder api)
    {
        var ops = api.MapGroup("/ops/products").RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Product review");

        ops.MapGet("/review", async (int? limit, string? cursor, ProductReviewDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.Queue().PageOldestFirstAsync(p => p.Id, limit, cursor, ProductDto.From, ct)))
            .WithSummary("Listed products not yet spot-checked (or edited since), oldest first");

        // any status, newest first; ?status=blockedByPlatform is what the platform holds back
        ops.MapGet("/", async (string? status, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            var parsed = Enums.Parse<ProductStatus>(status);
            new Validator().Require(status is null || parsed is not null, "status",
                "must be one of draft, pendingReview, listed, delisted, recycled, blockedByPlatform").ThrowIfInvalid();
            var q = db.Products.AsNoTracking().Include(p => p.Skus).AsQueryable();
            if (parsed is { } wanted) q = q.Where(p => p.Status == wanted);
            return TypedResults.Ok(await q.PageAsync(p => p.Id, limit, cursor, ProductDto.From, ct));
        });

        ops.MapPost("/{productId:guid}/pass", async (Guid productId, HttpContext http, ProductReviewDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ProductDto.From(await desk.PassAsync(productId, http.User.Id(), ct))));
        ops.MapPost("/{productId:guid}/block", async (Guid productId, ReasonRequest? req, HttpContext http, ProductReviewDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ProductDto.From(await desk.BlockAsync(productId, req?.Reason, http.User.Id(), ct))));
        ops.MapPost("/{productId:guid}/unblock", async (Guid productId, HttpContext http, ProductReviewDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ProductDto.From(await desk.UnblockAsync(productId, http.User.Id(), ct))));
    }
}
