using Sprig.Data;
using Sprig.Ordering;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer.Me;

/// <summary>The buyer's after-sale requests and where each stands.</summary>
public sealed class AfterSalesModel(SprigDb db) : WebPage
{
    public IReadOnlyList<AfterSale> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        var me = Me;
        var page = await db.AfterSales.Where(a => a.BuyerId == me).PageAsync(a => a.Id, 20, cursor, a => a, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
    }
}
