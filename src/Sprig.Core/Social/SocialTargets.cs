using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Social;

/// <summary>
/// What a like or a share lands on: published content or a listed product the viewer can see, of an open shop. Anything
/// the viewer cannot see is not found; the author's own held content, the shop's own unlisted product, or anything of
/// a suspended shop is there but not open to signals.
/// </summary>
public static class SocialTargets
{
    /// <summary>The target's shop (content of a creator without a shop: its first card's shop, as Distribution files it).</summary>
    public static async Task<Guid> OpenShopAsync(SprigDb db, SignalTarget kind, Guid targetId, Viewer viewer, CancellationToken ct)
    {
        if (kind == SignalTarget.Content)
        {
            var c = await db.ContentItems.AsNoTracking().Where(x => x.Id == targetId).Select(x => new
            {
                x.Status, x.AuthorId, x.ShopId,
                FirstCardShop = x.Cards.OrderBy(card => card.Position).Select(card => (Guid?)card.ShopId).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
            if (c is null || !viewer.Sees(new ContentItem { AuthorId = c.AuthorId, Status = c.Status, Title = "", MediaUrl = "" }))
                throw SprigException.NotFound("Content");
            if (c.Status != ContentStatus.Published)
                throw new SprigException(409, "content_not_published", "The content is not published yet.");
            var shopId = c.ShopId ?? c.FirstCardShop ?? Guid.Empty;
            if (shopId != Guid.Empty) await RequireOpenAsync(db, shopId, ct);
            return shopId;
        }
        var p = await db.Products.AsNoTracking().Where(x => x.Id == targetId).Select(x => new { x.Status, x.ShopId }).FirstOrDefaultAsync(ct);
        if (p is null) throw SprigException.NotFound("Product");
        if (p.Status != ProductStatus.Listed)
        {
            var own = viewer.IsOperator || await db.Shops.AnyAsync(s => s.Id == p.ShopId && s.OwnerId == viewer.UserId, ct);
            if (!own) throw SprigException.NotFound("Product");
            throw new SprigException(409, "product_not_listed", "The product is not listed.");
        }
        await RequireOpenAsync(db, p.ShopId, ct);
        return p.ShopId;
    }

    // a suspended shop's products and content are out of every feed and search: not to be liked or shared meanwhile
    private static async Task RequireOpenAsync(SprigDb db, Guid shopId, CancellationToken ct) =>
        (await db.Shops.AsNoTracking().FirstAsync(s => s.Id == shopId, ct)).RequireOpen();

    public static Task<bool> ExistsAsync(SprigDb db, SignalTarget kind, Guid targetId, CancellationToken ct) =>
        kind == SignalTarget.Content
            ? db.ContentItems.AnyAsync(c => c.Id == targetId && c.Status != ContentStatus.Removed, ct)
            : db.Products.AnyAsync(p => p.Id == targetId, ct);
}
