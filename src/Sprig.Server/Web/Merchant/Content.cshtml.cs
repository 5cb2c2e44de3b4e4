using Microsoft.AspNetCore.Mvc;
using Sprig.Content;
using Sprig.Data;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's videos, posts and live sessions with their moderation status (why one is held), and a live session started or ended.</summary>
public sealed class ContentModel(SprigDb db, LiveDesk lives) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) => RunAsync(() => lives.StartAsync(id, Me, ct), Say("o.ledger.advanced"));
    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct) => RunAsync(() => lives.EndAsync(id, Me, ct), Say("o.ledger.advanced"));

    protected override async Task LoadAsync()
    {
        var page = await db.ContentItems.Where(c => c.ShopId == Shop.Id && c.Status != ContentStatus.Removed).PageAsync(c => c.Id, 20, Cursor, c => c, HttpContext.RequestAborted);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
