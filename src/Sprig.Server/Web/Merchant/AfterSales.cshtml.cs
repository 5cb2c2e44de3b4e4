using Microsoft.AspNetCore.Mvc;
using Sprig.Data;
using Sprig.Ordering;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>The after-sales queue: approve (a refund moves money, so it asks first), reject with a reason, confirm a returned parcel.</summary>
public sealed class AfterSalesModel(SprigDb db, AfterSaleDesk desk) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<AfterSale> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.ApproveAsync(Shop.Id, id, null, ct), Say("m.afterSales.approved"));
    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) => RunAsync(() => desk.RejectAsync(Shop.Id, id, reason, ct), Say("m.afterSales.rejected"));
    public Task<IActionResult> OnPostReceivedAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.ConfirmReturnAsync(Shop.Id, id, ct), Say("m.afterSales.approved"));

    protected override async Task LoadAsync()
    {
        var page = await db.AfterSales.Where(a => a.ShopId == Shop.Id).PageAsync(a => a.Id, 20, Cursor, a => a, HttpContext.RequestAborted);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
