using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Server.Web.Shared;

/// <summary>"Product · SKU" for the SKUs a list of flash sales or campaign entries names (listed or not).</summary>
public static class SkuNames
{
    public static async Task<Dictionary<Guid, string>> OfAsync(SprigDb db, IEnumerable<Guid> skuIds, CancellationToken ct)
    {
        var ids = skuIds.Distinct().ToArray();
        return await db.Skus.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Join(db.Products.AsNoTracking(), s => s.ProductId, p => p.Id, (s, p) => new { s.Id, Name = p.Title + " · " + s.Name })
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
    }
}
