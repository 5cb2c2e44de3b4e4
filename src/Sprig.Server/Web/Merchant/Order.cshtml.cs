using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Ordering;
using Sprig.Server.Endpoints;

namespace Sprig.Server.Web.Merchant;

/// <summary>One order from the shop's side: its lines and deadlines, and its settlement with the fee program that set the rate (GET /api/orders/{id}/settlement).</summary>
public sealed class OrderModel(OrderDesk orders, SprigDb db) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public Order? Order { get; private set; }
    public SettlementDto? Settlement { get; private set; }
    public List<SettlementPart> Parts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Order = await orders.GetShopsAsync(Shop.Id, Id, ct);
        Parts = await db.SettlementParts.AsNoTracking().Where(p => p.OrderId == Id).OrderBy(p => p.LineId).ToListAsync(ct);
        var commission = await db.CommissionOrders.AsNoTracking().Where(c => c.OrderId == Id && c.Status == CommissionStatus.Settled).SumAsync(c => c.Commission - c.Returned, ct);
        // the same figures as the settlement route: the subsidy that stays with the order, fees per line, net once settled
        var subsidy = Order.Lines.Sum(l => l.PlatformDiscount - l.SubsidyReturned);
        var fee = Parts.Sum(p => p.Fee);
        var main = Parts.OrderByDescending(p => p.Base).FirstOrDefault();
        Settlement = new SettlementDto(Order.Id, Kernel.Money.Currency, Order.SettledAt is not null, Order.SettledAt, Order.Paid, Order.Refunded, subsidy, fee, commission,
            Order.SettledAt is null ? 0 : Order.Paid - Order.Refunded + subsidy - fee - commission, main?.RateBps, main?.Program, []);
    }
}
