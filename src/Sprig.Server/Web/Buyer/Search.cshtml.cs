using Microsoft.AspNetCore.Mvc;
using Sprig.Catalog.Search;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>The shelf's search (GET /api/search/products): Chinese or English words, best matches blended with sales.</summary>
public sealed class SearchModel(ShelfIndex shelf) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<ShelfItem> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        var page = await shelf.SearchAsync(ShelfQuery.Create(Q, null, null, null, null, null, 20, cursor), ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
