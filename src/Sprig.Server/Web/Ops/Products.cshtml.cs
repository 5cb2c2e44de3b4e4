using Microsoft.AspNetCore.Mvc;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>
/// Products for review: those pending review first, then the newest listings. Catalog lists a product without a
/// platform review today (no pendingReview transition, no block route), so this queue is read-only until it has one.
/// </summary>
public sealed class ProductsModel(SprigDb db) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Product> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await db.Products.Where(p => p.Status == ProductStatus.PendingReview || p.Status == ProductStatus.Listed).PageAsync(p => p.Id, 20, Cursor, p => p, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
