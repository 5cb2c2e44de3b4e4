using Microsoft.AspNetCore.Mvc;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>
/// The home feed: three tabs served by Distribution's Feed (the same call as GET /api/feed). What was served is not
/// served again, so "load more" is simply the next call; a visitor who is not signed in sees the shelf's best sellers.
/// </summary>
public sealed class IndexModel(Feed feed, SprigDb db, ShelfIndex shelf) : WebPage
{
    public static readonly string[] Tabs = ["recommended", "friends", "following"];

    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }

    public FeedTilesView? Tiles { get; private set; }

    public IReadOnlyList<ShelfItem> Hot { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tab = Tabs.Contains(Tab) ? Tab : Tabs[0];
        if (!SignedIn)
        {
            Hot = (await shelf.SearchAsync(ShelfQuery.Create(null, null, null, null, null, "sales", 20, null), ct)).Items;
            return;
        }
        Tiles = await ServeAsync(ct);
    }

    /// <summary>The next batch of the tab, for htmx's "load more".</summary>
    public async Task<IActionResult> OnGetMoreAsync(CancellationToken ct)
    {
        if (!SignedIn) return Unauthorized();
        Tab = Tabs.Contains(Tab) ? Tab : Tabs[0];
        return Partial("_FeedTiles", await ServeAsync(ct));
    }

    private async Task<FeedTilesView> ServeAsync(CancellationToken ct)
    {
        var served = await feed.ServeAsync(Me, Tab, Feed.MaxLimit, ct);
        var tiles = await FeedView.TilesAsync(db, served, ct);
        return new FeedTilesView(tiles, served.Count < Feed.MaxLimit ? null : $"/?tab={Tab}&handler=more");
    }
}
