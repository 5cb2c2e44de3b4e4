using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;
using Sprig.Shops;

namespace Sprig.Server.Web.Ops;

/// <summary>The shop review queue and every shop by status: approve, reject, suspend, reinstate (ShopDesk).</summary>
public sealed class ShopsModel(SprigDb db, ShopDesk desk) : WebPage
{
    [BindProperty(SupportsGet = true)] public ShopStatus Status { get; set; } = ShopStatus.PendingReview;
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Shop> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, string> Owners { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.ApproveAsync(id, ct), Say("o.shops.approved"));
    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) => RunAsync(() => desk.RejectAsync(id, reason, ct), Say("o.shops.rejected"));
    public Task<IActionResult> OnPostSuspendAsync(Guid id, string? reason, CancellationToken ct) => RunAsync(() => desk.SuspendAsync(id, reason, ct), Say("o.shops.suspended"));
    public Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.ReinstateAsync(id, ct), Say("o.shops.reinstated"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var status = Status;
        var q = db.Shops.AsNoTracking().Where(s => s.Status == status);
        var page = status == ShopStatus.PendingReview ? await q.PageOldestFirstAsync(s => s.Id, 20, Cursor, s => s, ct) : await q.PageAsync(s => s.Id, 20, Cursor, s => s, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        var owners = Items.Select(s => s.OwnerId).ToArray();
        Owners = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
    }
}
