using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Shops;

namespace Sprig.Catalog.Search;

/// <summary>The database reads that (re)build the index: it is only ever a copy of these.</summary>
public static class ShelfReads
{
    public static Task<Dictionary<Guid, Category>> CategoriesAsync(SprigDb db, CancellationToken ct) =>
        db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);

    /// <summary>Of <paramref name="which"/>, the products search may show: listed, in an open shop.</summary>
    public static async Task<List<IndexedProduct>> ProductsAsync(SprigDb db, IQueryable<Product> which, IReadOnlyDictionary<Guid, Category> categories,
        CancellationToken ct)
    {
        var rows = await which.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Listed)
            .Join(db.Shops.Where(s => s.Status == ShopStatus.Open), p => p.ShopId, s => s.Id, (p, s) => new
            {
                p.Id, p.ShopId, ShopName = s.Name, p.CategoryId, p.Title, p.Description, p.ListedAt, p.CreatedAt,
                Skus = p.Skus.Select(k => new { k.Name, k.Price, k.Stock }).ToList(),
            })
            .ToListAsync(ct);
        return rows.Where(r => r.Skus.Count > 0).Select(r =>
        {
            var path = new List<Guid>();
            var names = new List<string>();
            for (var c = categories.GetValueOrDefault(r.CategoryId); c is not null && path.Count < 16; c = c.ParentId is { } up ? categories.GetValueOrDefault(up) : null)
            {
                path.Add(c.Id);
                names.Add(c.Name);
                if (c.NameEn is { Length: > 0 } en) names.Add(en);
            }
            if (path.Count == 0) path.Add(r.CategoryId);
            return new IndexedProduct(r.Id, r.ShopId, r.ShopName, r.CategoryId, path, string.Join(" / ", names), r.Title, r.Description,
                string.Join(" / ", r.Skus.Select(k => k.Name)), r.Skus.Min(k => k.Price), r.ListedAt ?? r.CreatedAt, r.Skus.Sum(k => (long)k.Stock));
        }).ToList();
    }

    /// <summary>Every searchable product, a batch at a time in id order (a full build streams the catalogue instead of holding it).</summary>
    public static async IAsyncEnumerable<List<IndexedProduct>> AllProductsAsync(SprigDb db, IReadOnlyDictionary<Guid, Category> categories, int batch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var ids = await db.Products.Where(p => p.Status == ProductStatus.Listed && (after == null || p.Id > after))
                .OrderBy(p => p.Id).Select(p => p.Id).Take(batch).ToListAsync(ct);
            if (ids.Count == 0) yield break;
            var (first, last) = (ids[0], ids[^1]);
            // a range of the primary key, not a list of ids: one index range scan per batch
            yield return await ProductsAsync(db, db.Products.Where(p => p.Id >= first && p.Id <= last), categories, ct);
            after = last;
            if (ids.Count < batch) yield break;
        }
    }

    /// <summary>Units paid since <paramref name="salesSince"/>, GPM from the feed's counters, and free stock, per listed product.</summary>
    public static async Task<Dictionary<Guid, ShelfStats>> StatsAsync(SprigDb db, DateTimeOffset salesSince, long gpmPrior, CancellationToken ct)
    {
        var sales = await db.OrderLines
            .Join(db.Orders.Where(o => o.PaidAt >= salesSince), l => l.OrderId, o => o.Id, (l, o) => new { l.ProductId, l.Quantity })
            .GroupBy(x => x.ProductId).Select(g => new { Id = g.Key, Units = g.Sum(x => (long)x.Quantity) })
            .ToDictionaryAsync(x => x.Id, x => x.Units, ct);
        // read, never written here: the Distribution module keeps these counters
        var gpm = await db.FeedItems.Where(f => f.Kind == FeedItemKind.Product && f.Gmv > 0)
            .Select(f => new { f.Id, f.Impressions, f.Gmv })
            .ToDictionaryAsync(f => f.Id, f => ShelfStats.GpmOf(f.Gmv, f.Impressions, gpmPrior), ct);
        var stock = await db.Skus.Where(s => db.Products.Any(p => p.Id == s.ProductId && p.Status == ProductStatus.Listed))
            .GroupBy(s => s.ProductId).Select(g => new { Id = g.Key, Stock = g.Sum(s => (long)s.Stock) })
            .ToDictionaryAsync(x => x.Id, x => x.Stock, ct);
        var stats = new Dictionary<Guid, ShelfStats>(stock.Count);
        foreach (var (id, units) in stock)
            stats[id] = new ShelfStats(sales.GetValueOrDefault(id), gpm.GetValueOrDefault(id), units);
        return stats;
    }
}
