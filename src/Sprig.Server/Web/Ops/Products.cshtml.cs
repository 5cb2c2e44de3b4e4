using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>
/// The spot-check queue (商品巡检, ProductReviewDesk): listed products not yet checked, oldest first, each passed or
/// blocked with a reason the merchant reads; below it, what is blocked now, to unblock.
/// </summary>
public sealed class ProductsModel(SprigDb db, ProductReviewDesk desk) : WebPage
{
    public const int BlockedShown = 50;

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Product> Queue { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public List<Product> Blocked { get; private set; } = [];
    public Dictionary<Guid, string> ShopNames { get; private set; } = [];
    /// <summary>The row whose block was refused, to show the message beside its reason.</summary>
    public Guid? Failed { get; private set; }
    public string? Reason { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostPassAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.PassAsync(id, Me, ct), Say("o.products.passed"));

    public Task<IActionResult> OnPostBlockAsync(Guid id, string? reason, CancellationToken ct)
    {
        (Failed, Reason) = (id, reason);
        return RunAsync(() => desk.BlockAsync(id, reason, Me, ct), Say("o.products.blockedNotice"));
    }

    public Task<IActionResult> OnPostUnblockAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.UnblockAsync(id, Me, ct), Say("o.products.unblocked"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var page = await desk.Queue().PageOldestFirstAsync(p => p.Id, 20, Cursor, p => p, ct);
        (Queue, NextCursor) = (page.Items, page.NextCursor);
        Blocked = await db.Products.AsNoTracking().Include(p => p.Skus).Where(p => p.Status == ProductStatus.BlockedByPlatform)
            .OrderByDescending(p => p.BlockedAt).Take(BlockedShown).ToListAsync(ct);
        var shopIds = Queue.Concat(Blocked).Select(p => p.ShopId).Distinct().ToList();
        ShopNames = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
    }
}
