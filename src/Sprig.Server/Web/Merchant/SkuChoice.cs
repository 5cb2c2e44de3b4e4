using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;

namespace Sprig.Server.Web.Merchant;

/// <summary>A SKU of the shop's listed products, for the pickers of flash sales and campaign entries.</summary>
public sealed record SkuChoice(Guid Id, Guid ProductId, string Product, string Name, long Price, int Stock)
{
    public string Label => $"{Product} · {Name} · {Shared.Fmt.Yuan(Price)}";

    /// <summary>Every SKU of the shop's listed products, by product title: what can be put on sale.</summary>
    public static Task<List<SkuChoice>> ListedAsync(SprigDb db, Guid shopId, CancellationToken ct) =>
        db.Skus.AsNoTracking().Where(s => s.ShopId == shopId)
            .Join(db.Products.AsNoTracking().Where(p => p.ShopId == shopId && p.Status == ProductStatus.Listed), s => s.ProductId, p => p.Id, (s, p) => new { s, p })
            .OrderBy(x => x.p.Title).ThenBy(x => x.s.Id).Take(500)
            .Select(x => new SkuChoice(x.s.Id, x.p.Id, x.p.Title, x.s.Name, x.s.Price, x.s.Stock)).ToListAsync(ct);
}
