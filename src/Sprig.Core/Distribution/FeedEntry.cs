using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Content;
using Sprig.Data;
using Sprig.Shops;

namespace Sprig.Distribution;

/// <summary>
/// How content and products enter and leave distribution. Catalog and Content call these in the same unit of work as
/// the listing or publishing (the caller saves), so an item is servable exactly when it is on sale or published.
/// A new item starts in the cold-start pool with its guaranteed budget; coming back (relisted, republished) keeps the
/// pool and counters it had.
/// </summary>
public static class FeedEntry
{
    public static async Task ProductListedAsync(SprigDb db, Product product, Shop shop, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.FeedItems.FirstOrDefaultAsync(f => f.Id == product.Id, ct);
        if (item is null)
        {
            item = await NewAsync(db, product.Id, FeedItemKind.Product, product.Title, now, ct);
            db.FeedItems.Add(item);
        }
        item.ShopId = shop.Id;
        item.ProductId = product.Id;
        item.CategoryId = product.CategoryId;
        item.Title = product.Title;
        item.IsBrand = shop.Kind == ShopKind.Brand;
        item.Eligible = shop.IsOpen;
        item.UpdatedAt = now;
    }

    /// <summary>Published content (or a live session scheduled or on air) becomes servable; its first card names its product and category.</summary>
    public static async Task ContentPublishedAsync(SprigDb db, ContentItem content, DateTimeOffset now, CancellationToken ct)
    {
        var kind = content.Kind switch { ContentKind.Video => FeedItemKind.Video, ContentKind.Live => FeedItemKind.Live, _ => FeedItemKind.Post };
        var item = await db.FeedItems.FirstOrDefaultAsync(f => f.Id == content.Id, ct);
        if (item is null)
        {
            item = await NewAsync(db, content.Id, kind, content.Title, now, ct);
            db.FeedItems.Add(item);
        }
        var first = content.Cards.OrderBy(c => c.Position).FirstOrDefault();
        var shopId = content.ShopId ?? first?.ShopId;
        var shop = shopId is null ? null : await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shopId, ct);
        item.Kind = kind;
        item.ShopId = shopId;
        item.AuthorId = content.AuthorId;
        item.ProductId = first?.ProductId;
        item.CategoryId = first is null ? null : await db.Products.Where(p => p.Id == first.ProductId).Select(p => (Guid?)p.CategoryId).FirstOrDefaultAsync(ct);
        item.Title = content.Title;
        item.IsBrand = content.ShopId is not null && shop?.Kind == ShopKind.Brand;
        // a suspended shop's content waits for the shop, as its products do (ShopReopenedAsync lets both back in)
        item.Eligible = content.Status == ContentStatus.Published && content.LiveStatus != LiveStatus.Ended && (shop is null || shop.IsOpen);
        item.OnAir = content.LiveStatus == LiveStatus.OnAir;
        item.UpdatedAt = now;
    }

    /// <summary>Delisted, removed, held, rejected, ended: no longer served (its history stays).</summary>
    public static Task WithdrawnAsync(SprigDb db, Guid itemId, CancellationToken ct) =>
        db.FeedItems.Where(f => f.Id == itemId).ExecuteUpdateAsync(u => u.SetProperty(f => f.Eligible, false).SetProperty(f => f.OnAir, false), ct);

    /// <summary>A live session went on air or off it.</summary>
    public static Task OnAirChangedAsync(SprigDb db, Guid contentId, bool onAir, CancellationToken ct) =>
        db.FeedItems.Where(f => f.Id == contentId).ExecuteUpdateAsync(u => u.SetProperty(f => f.OnAir, onAir), ct);

    /// <summary>A shop suspended or closed: none of its items is served.</summary>
    public static Task ShopClosedAsync(SprigDb db, Guid shopId, CancellationToken ct) =>
        db.FeedItems.Where(f => f.ShopId == shopId).ExecuteUpdateAsync(u => u.SetProperty(f => f.Eligible, false).SetProperty(f => f.OnAir, false), ct);

    /// <summary>A shop open again: its listed products and published content are served again.</summary>
    public static async Task ShopReopenedAsync(SprigDb db, Guid shopId, CancellationToken ct)
    {
        await db.FeedItems.Where(f => f.ShopId == shopId && db.Products.Any(p => p.Id == f.Id && p.Status == ProductStatus.Listed))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Eligible, true), ct);
        await db.FeedItems.Where(f => f.ShopId == shopId && db.ContentItems.Any(c => c.Id == f.Id && c.Status == ContentStatus.Published && c.LiveStatus != LiveStatus.Ended))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Eligible, true), ct);
    }

    private static async Task<FeedItem> NewAsync(SprigDb db, Guid id, FeedItemKind kind, string title, DateTimeOffset now, CancellationToken ct)
    {
        var coldStart = await db.PoolTiers.AsNoTracking().Where(t => t.Level == PoolTiers.ColdStart).Select(t => (int?)t.Budget).FirstOrDefaultAsync(ct)
            ?? PoolTiers.Defaults[0].Budget;
        return new FeedItem
        {
            Id = id, Kind = kind, Title = title, PoolLevel = PoolTiers.ColdStart, PoolBudget = coldStart, PoolEnteredAt = now,
            CreatedAt = now, UpdatedAt = now, Score = Ranking.Prior,
        };
    }
}
