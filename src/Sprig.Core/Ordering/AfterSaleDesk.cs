using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;

namespace Sprig.Ordering;

/// <summary>After-sales (售后): the buyer's requests, the merchant's answers, the platform's arbitration, the refunds.</summary>
public sealed class AfterSaleDesk(SprigDb db, TimeProvider clock)
{
    public static readonly AfterSaleStatus[] OpenStatuses =
    [
        AfterSaleStatus.MerchantProcessing, AfterSaleStatus.WaitingBuyerReturn, AfterSaleStatus.WaitingMerchantReceipt,
        AfterSaleStatus.Refunding, AfterSaleStatus.Arbitrating,
    ];

    public async Task<AfterSale> ApplyAsync(Guid orderId, Guid buyerId, Guid? lineId, string? type, long? amount, string? reason, CancellationToken ct = default)
    {
        AfterSaleType parsed = default;
        new Validator()
            .Require(lineId is not null, "lineId", "is required")
            .Require(type is not null && Enum.TryParse(type, true, out parsed) && Enum.IsDefined(parsed), "type", "must be refund, returnRefund or exchange")
            .Require(amount is null or > 0, "amount", "must be more than 0 fen")
            .Text(reason, "reason", 500)
            .ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw SprigException.NotFound("Order");
        if (order.BuyerId != buyerId) throw SprigException.Forbidden("This order is not yours.");
        var line = order.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw SprigException.Validation("lineId", "is not a line of this order");
        if (order.PaidAt is null || order.Status is OrderStatus.Cancelled or OrderStatus.CancelledAfterFullRefund or OrderStatus.CancelledOversold)
            throw SprigException.InvalidState($"The order is {order.Status}; after-sales need a paid order.");
        if (order.SettledAt is not null)
            throw new SprigException(409, "order_settled", "The order has settled; after-sales are closed (a platform guarantee claim is the way now).");
        if (parsed == AfterSaleType.ReturnRefund && line.ShipmentId is null)
            throw SprigException.InvalidState("Return and refund is for goods that have shipped; ask for a refund instead.");

        var previous = await db.AfterSales.Where(a => a.LineId == line.Id).Select(a => a.Status).ToListAsync(ct);
        if (previous.Any(s => OpenStatuses.Contains(s)))
            throw SprigException.InvalidState("This line already has an open after-sale request.");
        if (previous.Count >= AfterSale.MaxPerLine)
            throw new SprigException(409, "after_sale_limit", $"At most {AfterSale.MaxPerLine} after-sale requests per order line.");

        var goodsLeft = line.Paid - line.Refunded;
        // freight goes back only when nothing has shipped and this request empties the order
        var lastLine = order.Lines.Where(l => l.Id != line.Id).All(l => l.Refunded >= l.Paid);
        var freightLeft = order.NothingShipped && lastLine ? order.Freight - (order.Refunded - order.Lines.Sum(l => l.Refunded)) : 0;
        var max = goodsLeft + freightLeft;
        if (max <= 0) throw SprigException.InvalidState("Nothing is left to refund on this line.");
        var asked = amount ?? max;
        if (asked > max) throw SprigException.Validation("amount", $"can be at most {max} fen, what is left to refund on this line");
        var freight = asked > goodsLeft ? asked - goodsLeft : 0;

        var sale = AfterSale.Open(order, line, parsed, parsed == AfterSaleType.Exchange ? 0 : asked, freight, reason!.Trim(), clock.GetUtcNow());
        db.AfterSales.Add(sale);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return sale;
    }

    public async Task<AfterSale> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.AfterSales.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw SprigException.NotFound("After-sale");

    public async Task<AfterSale> GetBuyersAsync(Guid id, Guid buyerId, CancellationToken ct = default)
    {
        var sale = await GetAsync(id, ct);
        if (sale.BuyerId != buyerId) throw SprigException.Forbidden("This after-sale is not yours.");
        return sale;
    }

    public async Task<AfterSale> GetShopsAsync(Guid shopId, Guid id, CancellationToken ct = default)
    {
        var sale = await GetAsync(id, ct);
        if (sale.ShopId != shopId) throw SprigException.NotFound("After-sale");
        return sale;
    }

    public Task<AfterSale> ApproveAsync(Guid shopId, Guid id, string? note, CancellationToken ct = default) =>
        MoveAsync(() => GetShopsAsync(shopId, id, ct), s => s.Approve(clock.GetUtcNow(), note), ct);

    public Task<AfterSale> RejectAsync(Guid shopId, Guid id, string? reason, CancellationToken ct = default)
    {
        new Validator().Text(reason, "reason", 500).ThrowIfInvalid();
        return MoveAsync(() => GetShopsAsync(shopId, id, ct), s => s.Reject(reason!.Trim(), clock.GetUtcNow()), ct);
    }

    public Task<AfterSale> ConfirmReturnAsync(Guid shopId, Guid id, CancellationToken ct = default) =>
        MoveAsync(() => GetShopsAsync(shopId, id, ct), s => s.ConfirmReturn(), ct);

    public Task<AfterSale> ShipReturnAsync(Guid buyerId, Guid id, string? carrier, string? tracking, CancellationToken ct = default)
    {
        new Validator().Text(carrier, "carrier", 64).Text(tracking, "trackingNumber", 64).ThrowIfInvalid();
        return MoveAsync(() => GetBuyersAsync(id, buyerId, ct), s => s.ShipReturn(carrier!.Trim(), tracking!.Trim(), clock.GetUtcNow()), ct);
    }

    public Task<AfterSale> LowerAmountAsync(Guid buyerId, Guid id, long? amount, CancellationToken ct = default)
    {
        new Validator().Require(amount is > 0, "amount", "must be more than 0 fen").ThrowIfInvalid();
        return MoveAsync(() => GetBuyersAsync(id, buyerId, ct), s => s.LowerAmount(amount!.Value), ct);
    }

    public Task<AfterSale> CancelAsync(Guid buyerId, Guid id, CancellationToken ct = default) =>
        MoveAsync(() => GetBuyersAsync(id, buyerId, ct), s => s.CancelByBuyer(clock.GetUtcNow()), ct);

    public Task<AfterSale> EscalateAsync(Guid buyerId, Guid id, CancellationToken ct = default) =>
        MoveAsync(() => GetBuyersAsync(id, buyerId, ct), s => s.Escalate(clock.GetUtcNow()), ct);

    public Task<AfterSale> ArbitrateAsync(Guid id, string? decision, string? note, CancellationToken ct = default)
    {
        new Validator().Require(decision is "refund" or "reject", "decision", "must be refund or reject").Text(note, "note", 500).ThrowIfInvalid();
        return MoveAsync(() => GetAsync(id, ct), s => s.Arbitrate(decision == "refund", note!.Trim(), clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// One transition in one transaction; a request that lands in <see cref="AfterSaleStatus.Refunding"/> is paid
    /// back in the same transaction (the sandbox gateway refunds at once).
    /// </summary>
    public async Task<AfterSale> MoveAsync(Func<Task<AfterSale>> load, Action<AfterSale> move, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sale = await load();
        var before = sale.Status;
        move(sale);
        if (before != AfterSaleStatus.WaitingBuyerReturn && sale.Status == AfterSaleStatus.WaitingBuyerReturn)
        {
            // approved by the merchant or by the timer: either way the buyer is told where to send the parcel
            var shop = await db.Shops.AsNoTracking().Where(s => s.Id == sale.ShopId)
                .Select(s => new { s.ReturnToName, s.ReturnToPhone, s.ReturnToRegion, s.ReturnToLine }).FirstAsync(ct);
            if (shop.ReturnToName is not null)
                sale.SendReturnsTo(new Address(shop.ReturnToName, shop.ReturnToPhone ?? "", shop.ReturnToRegion ?? "", shop.ReturnToLine ?? ""));
        }
        if (sale.Status == AfterSaleStatus.Refunding) await Refunds.ExecuteAsync(db, sale, clock.GetUtcNow(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new SprigException(409, "concurrent_update", "The after-sale changed while this request ran; read it again and retry.");
        }
        await tx.CommitAsync(ct);
        return sale;
    }
}
