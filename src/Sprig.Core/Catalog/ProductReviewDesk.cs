using Microsoft.EntityFrameworkCore;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Catalog;

/// <summary>
/// The platform's spot checks of listed products (商品巡检): listing stays instant, as the API promises, and an
/// operator works through what was listed and not yet checked, oldest first, passing it or blocking it with a
/// reason. A blocked product leaves search and the feed in the same transaction and cannot be bought or listed
/// again until the block is lifted.
/// </summary>
public sealed class ProductReviewDesk(SprigDb db, TimeProvider clock)
{
    /// <summary>The queue: listed products no operator has checked since they were listed or last edited.</summary>
    public IQueryable<Product> Queue() =>
        db.Products.AsNoTracking().Include(p => p.Skus).Where(p => p.Status == ProductStatus.Listed && p.ReviewedAt == null);

    public async Task<Product> PassAsync(Guid productId, Guid operatorId, CancellationToken ct = default)
    {
        var product = await TrackedAsync(productId, ct);
        product.PassReview(operatorId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return product;
    }

    public async Task<Product> BlockAsync(Guid productId, string? reason, Guid operatorId, CancellationToken ct = default)
    {
        new Validator().Text(reason, "reason", Product.MaxBlockReason).ThrowIfInvalid();
        var product = await TrackedAsync(productId, ct);
        var now = clock.GetUtcNow();
        product.Block(reason!.Trim(), operatorId, now);
        CatalogChange.OfProduct(db, product.Id, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await Distribution.FeedEntry.WithdrawnAsync(db, product.Id, ct);
        await tx.CommitAsync(ct);
        return product;
    }

    /// <summary>Lifts a block; the product is delisted until its merchant lists it again (see <see cref="Product.Unblock"/>).</summary>
    public async Task<Product> UnblockAsync(Guid productId, Guid operatorId, CancellationToken ct = default)
    {
        var product = await TrackedAsync(productId, ct);
        product.Unblock(operatorId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return product;
    }

    private async Task<Product> TrackedAsync(Guid productId, CancellationToken ct) =>
        await db.Products.Include(p => p.Skus.OrderBy(s => s.Id)).FirstOrDefaultAsync(p => p.Id == productId, ct)
        ?? throw SprigException.NotFound("Product");
}
