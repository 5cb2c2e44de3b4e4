using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Promotions;

namespace Sprig.Ordering;

/// <summary>Who may see an order, and the moves after placement: cancel, ship, confirm receipt.</summary>
public sealed class OrderDesk(SprigDb db, TimeProvider clock)
{
    public async Task<Order> GetAsync(Guid orderId, CancellationToken ct = default) =>
        await db.Orders.Include(o => o.Lines.OrderBy(l => l.Id)).Include(o => o.Shipments)
            .FirstOrDefaultAsync(o => o.Id == orderId, ct)
        ?? throw SprigException.NotFound("Order");

    /// <summary>The order if the caller is its buyer, the owner of its shop, or an operator.</summary>
    public async Task<Order> GetVisibleAsync(Guid orderId, Guid callerId, bool isOperator, CancellationToken ct = default)
    {
        var order = await GetAsync(orderId, ct);
        if (order.BuyerId == callerId || isOperator) return order;
        if (await db.Shops.AnyAsync(s => s.Id == order.ShopId && s.OwnerId == callerId, ct)) return order;
        throw SprigException.Forbidden("This order is not yours.");
    }

    /// <summary>The order if the caller owns its shop or is an operator: the money side of an order is not the buyer's to see.</summary>
    public async Task<Order> GetForShopOrOperatorAsync(Guid orderId, Guid callerId, bool isOperator, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw SprigException.NotFound("Order");
        if (!isOperator && !await db.Shops.AnyAsync(s => s.Id == order.ShopId && s.OwnerId == callerId, ct))
            throw SprigException.Forbidden("Only the shop and the operator see an order's money.");
        return order;
    }

    public async Task<Order> GetBuyersAsync(Guid orderId, Guid buyerId, CancellationToken ct = default)
    {
        var order = await GetAsync(orderId, ct);
        if (order.BuyerId != buyerId) throw SprigException.Forbidden("This order is not yours.");
        return order;
    }

    public async Task<Order> GetShopsAsync(Guid shopId, Guid orderId, CancellationToken ct = default)
    {
        var order = await GetAsync(orderId, ct);
        if (order.ShopId != shopId) throw SprigException.NotFound("Order");
        return order;
    }

    public async Task<Order> CancelByBuyerAsync(Guid orderId, Guid buyerId, CancellationToken ct = default)
    {
        var order = await GetBuyersAsync(orderId, buyerId, ct);
        await CancelAsync(order, CancelReason.Buyer, ct);
        return order;
    }

    /// <summary>The shop may cancel an order it cannot fulfil while it is unpaid; after payment that is a refund.</summary>
    public async Task<Order> CancelByShopAsync(Guid shopId, Guid orderId, CancellationToken ct = default)
    {
        var order = await GetShopsAsync(shopId, orderId, ct);
        await CancelAsync(order, CancelReason.Merchant, ct);
        return order;
    }

    /// <summary>Cancels an unpaid order and gives back its stock, coupons, flash-sale units and subsidies, in one transaction.</summary>
    public async Task CancelAsync(Order order, CancelReason reason, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        order.Cancel(reason, clock.GetUtcNow());
        await SaveOrConflictAsync(ct);
        await PromotionReturns.ReleaseAsync(db, order, ct);
        await db.CommissionOrders.Where(c => c.OrderId == order.Id && c.Status == CommissionStatus.Unsettled)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommissionStatus.Cancelled), ct);
        foreach (var line in order.Lines)
        {
            var qty = line.Quantity;
            await db.Skus.Where(s => s.Id == line.SkuId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, s => s.Stock + qty), ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<Order> ShipAsync(Guid shopId, Guid orderId, string? carrier, string? trackingNumber, IReadOnlyList<Guid>? lineIds, CancellationToken ct = default)
    {
        new Validator().Text(carrier, "carrier", 64).Text(trackingNumber, "trackingNumber", 64)
            .Require(lineIds is null || lineIds.Count <= PlaceOrder.MaxLines, "lineIds", "too many lines")
            .ThrowIfInvalid();
        var order = await GetShopsAsync(shopId, orderId, ct);
        var shipment = order.Ship(carrier!.Trim(), trackingNumber!.Trim(), lineIds, clock.GetUtcNow());
        db.Shipments.Add(shipment);
        await SaveOrConflictAsync(ct);
        return order;
    }

    public async Task<Order> ConfirmReceiptAsync(Guid orderId, Guid buyerId, CancellationToken ct = default)
    {
        var order = await GetBuyersAsync(orderId, buyerId, ct);
        if (await db.AfterSales.AnyAsync(a => a.OrderId == orderId && AfterSaleDesk.OpenStatuses.Contains(a.Status), ct))
            throw new SprigException(409, "after_sale_open", "Receipt cannot be confirmed while an after-sale request is open.");
        order.ConfirmReceipt(clock.GetUtcNow(), automatic: false);
        await SaveOrConflictAsync(ct);
        return order;
    }

    private async Task SaveOrConflictAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new SprigException(409, "concurrent_update", "The order changed while this request ran; read it again and retry.");
        }
    }
}
