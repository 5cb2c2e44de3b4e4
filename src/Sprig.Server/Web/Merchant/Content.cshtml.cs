using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// The shop's videos, posts and live sessions: publish one with product cards from the shop's listed products, edit
/// its title and body, remove it, start or end a live session and pin the product presented now (ContentDesk and
/// LiveDesk, as /api/content). What the spam filter held shows with its reason.
/// </summary>
public sealed class ContentModel(SprigDb db, ContentDesk contents, LiveDesk lives) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, string> Titles { get; private set; } = [];
    public List<ProductChoice> Products { get; private set; } = [];
    public ContentForm New { get; private set; } = new();
    public Guid? Failed { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostPublishAsync(ContentForm form, CancellationToken ct)
    {
        New = form;
        return RunAsync(async () =>
        {
            var live = string.Equals(form.Kind, "live", StringComparison.OrdinalIgnoreCase);
            var published = await contents.CreateAsync(Me, new NewContent(form.Kind, form.Title, string.IsNullOrWhiteSpace(form.MediaUrl) ? null : form.MediaUrl,
                form.DurationSeconds, form.ProductIds, form.Body, Shop.Id, live ? ParseTime(form.ScheduledAt, "scheduledAt") : null), ct);
            TempData[NoticeKey] = published.Status == ContentStatus.Published ? Say("m.content.published") : Say("m.content.held", published.HoldReason);
        });
    }

    public Task<IActionResult> OnPostEditAsync(Guid id, string? title, string? body, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => contents.EditAsync(id, Me, new ContentChange(title, body ?? ""), ct), Say("saved"));
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => contents.RemoveAsync(id, Me, ct), Say("m.content.removed"));
    }

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) => RunAsync(() => lives.StartAsync(id, Me, ct), Say("saved"));
    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct) => RunAsync(() => lives.EndAsync(id, Me, ct), Say("saved"));

    public Task<IActionResult> OnPostPinAsync(Guid id, Guid? productId, CancellationToken ct)
    {
        Failed = id;
        // an empty choice takes the pin down, as DELETE .../live/pin does
        return RunAsync(() => lives.PinAsync(id, Me, productId, ct), Say(productId is null ? "m.content.unpinned" : "m.content.pinned"));
    }

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var page = await db.ContentItems.AsNoTracking().Include(c => c.Cards).Where(c => c.ShopId == Shop.Id && c.Status != ContentStatus.Removed)
            .PageAsync(c => c.Id, 20, Cursor, c => c, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        var ids = Items.SelectMany(c => c.Cards.Select(card => card.ProductId)).Distinct().ToArray();
        Titles = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        Products = await ProductChoice.ListedAsync(db, Shop.Id, ct);
    }
}
