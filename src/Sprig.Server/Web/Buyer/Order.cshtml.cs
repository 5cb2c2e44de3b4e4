using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>
/// One of the buyer's orders: its timeline, price breakdown and after-sales, and the buyer's moves (pay with the
/// sandbox gateway, cancel, confirm receipt, ask for a refund or a return, ship the return, escalate), each through
/// the module that owns it.
/// </summary>
[Authorize(WebSetup.SignedIn)]
public sealed class OrderModel(OrderDesk orders, Checkout checkout, AfterSaleDesk afterSales, SprigDb db) : WebPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public Order? Order { get; private set; }
    public List<AfterSale> AfterSales { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostPayAsync(CancellationToken ct) =>
        RunAsync(() => checkout.PayAsync(Id, Me, SandboxGateway.Name, ct), Say("order.paidNotice"));

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => RunAsync(() => orders.CancelByBuyerAsync(Id, Me, ct), Say("order.cancelled"));

    public Task<IActionResult> OnPostReceiptAsync(CancellationToken ct) => RunAsync(() => orders.ConfirmReceiptAsync(Id, Me, ct), Say("order.received"));

    public Task<IActionResult> OnPostAfterSaleAsync(Guid? lineId, string? type, string? amount, string? reason, CancellationToken ct) =>
        RunAsync(() => afterSales.ApplyAsync(Id, Me, lineId, type, ParseYuan(amount, "amount"), reason, ct), Say("afterSale.applied"));

    public Task<IActionResult> OnPostReturnAsync(Guid afterSaleId, string? carrier, string? trackingNumber, CancellationToken ct) =>
        RunAsync(() => afterSales.ShipReturnAsync(Me, afterSaleId, carrier, trackingNumber, ct), Say("afterSale.returned"));

    public Task<IActionResult> OnPostEscalateAsync(Guid afterSaleId, CancellationToken ct) =>
        RunAsync(() => afterSales.EscalateAsync(Me, afterSaleId, ct), Say("afterSale.escalated"));

    public Task<IActionResult> OnPostWithdrawAsync(Guid afterSaleId, CancellationToken ct) =>
        RunAsync(() => afterSales.CancelAsync(Me, afterSaleId, ct), Say("afterSale.cancelled"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Order = await orders.GetBuyersAsync(Id, Me, ct);
        AfterSales = await db.AfterSales.AsNoTracking().Where(a => a.OrderId == Id).OrderBy(a => a.Id).ToListAsync(ct);
    }
}
