using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's orders by status, a page at a time (GET /api/shops/{id}/orders), shipped from the list.</summary>
public sealed class OrdersModel(SprigDb db, OrderDesk orders) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Order> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Guid? FailedOrder { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostShipAsync(Guid orderId, string? carrier, string? trackingNumber, CancellationToken ct)
    {
        FailedOrder = orderId;
        return RunAsync(() => orders.ShipAsync(Shop.Id, orderId, carrier, trackingNumber, null, ct), Say("m.orders.shipped", Sprig.Server.Web.Shared.Fmt.Short(orderId)));
    }

    protected override async Task LoadAsync()
    {
        OrderStatus parsed = default;
        new Validator().Require(Status is null || (Enum.TryParse(Status, true, out parsed) && Enum.IsDefined(parsed)), "status", "is not an order status").ThrowIfInvalid();
        var q = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.ShopId == Shop.Id);
        if (Status is not null) q = q.Where(o => o.Status == parsed);
        var page = await q.PageAsync(o => o.Id, 20, Cursor, o => o, HttpContext.RequestAborted);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
