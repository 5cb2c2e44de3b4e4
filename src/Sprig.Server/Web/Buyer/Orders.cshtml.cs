using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Ordering;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>The buyer's orders, newest first, a page at a time (GET /api/orders).</summary>
public sealed class OrdersModel(SprigDb db) : WebPage
{
    public IReadOnlyList<Order> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        if (!SignedIn) return;
        var me = Me;
        var page = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.BuyerId == me).PageAsync(o => o.Id, 10, cursor, o => o, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
