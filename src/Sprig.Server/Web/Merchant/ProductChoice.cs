using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;

namespace Sprig.Server.Web.Merchant;

/// <summary>One of the shop's listed products, for the pickers of affiliate plans and content's product cards.</summary>
public sealed record ProductChoice(Guid Id, string Title, long MinPrice)
{
    public static Task<List<ProductChoice>> ListedAsync(SprigDb db, Guid shopId, CancellationToken ct) =>
        db.Products.AsNoTracking().Where(p => p.ShopId == shopId && p.Status == ProductStatus.Listed)
            .OrderBy(p => p.Title).Take(500)
            .Select(p => new ProductChoice(p.Id, p.Title, p.Skus.Min(s => (long?)s.Price) ?? 0)).ToListAsync(ct);
}
