using Sprig.Kernel;

namespace Sprig.Ordering;

/// <summary>
/// An order of one shop. State moves only through the methods below, each of which checks
/// the transition is allowed; <see cref="Version"/> makes concurrent transitions of the same order lose cleanly.
/// </summary>
public sealed class Order
{
    public Guid Id { get; init; }
    public Guid BuyerId { get; init; }
    public Guid ShopId { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.PendingPayment;
    public long Original { get; init; }
    public long ShopDiscount { get; init; }
    public long PlatformDiscount { get; init; }
    public long CreatorDiscount { get; init; }
    public long Freight { get; init; }
    public long Paid { get; init; }
    /// <summary>The shop coupon and the platform coupon the order used, and the buyer's claimed copies of them.</summary>
    public Guid? ShopCouponId { get; init; }
    public Guid? PlatformCouponId { get; init; }
    public Guid? ShopBuyerCouponId { get; init; }
    public Guid? PlatformBuyerCouponId { get; init; }
    public required Address Address { get; init; }

    // attribution, snapshotted when the order is placed
    public Scene Scene { get; init; }
    public string? ImpressionId { get; init; }
    public string? ContentId { get; init; }
    public Guid? CreatorId { get; init; }
    /// <summary>User ids of the share chain, first sharer first, comma-separated.</summary>
    public string? SharerChain { get; init; }
    public string? TrafficPool { get; init; }

    public string? IdempotencyKey { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset PayBy { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public bool ReceiptAutoConfirmed { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>When the order settled: the merchant was credited and after-sales closed (but a platform guarantee claim).</summary>
    public DateTimeOffset? SettledAt { get; set; }
    /// <summary>Refunded so far, freight included.</summary>
    public long Refunded { get; set; }
    public CancelReason? CancelReason { get; private set; }
    public int Version { get; set; }

    public List<OrderLine> Lines { get; init; } = [];
    public List<Shipment> Shipments { get; init; } = [];

    public int StatusCode => (int)Status;

    public void MarkPaid(DateTimeOffset now)
    {
        if (Status != OrderStatus.PendingPayment)
            throw SprigException.InvalidState($"The order is {Status} and cannot be paid.");
        Status = OrderStatus.PendingShipment;
        PaidAt = now;
    }

    /// <summary>A line's shipping deadline: its product's promise, counted from payment.</summary>
    public DateTimeOffset? ShipBy(OrderLine line) => PaidAt?.AddHours(line.ShippingHours);

    public void Cancel(CancelReason reason, DateTimeOffset now)
    {
        if (Status != OrderStatus.PendingPayment)
            throw SprigException.InvalidState($"The order is {Status}; only an unpaid order can be cancelled.");
        Status = OrderStatus.Cancelled;
        CancelReason = reason;
        CancelledAt = now;
    }

    /// <summary>Ships the given lines (all unshipped lines when none are named) under one tracking number.</summary>
    public Shipment Ship(string carrier, string trackingNumber, IReadOnlyCollection<Guid>? lineIds, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.PendingShipment or OrderStatus.PartiallyShipped))
            throw SprigException.InvalidState($"The order is {Status} and cannot be shipped.");
        var unshipped = Lines.Where(l => l.ShipmentId is null).ToList();
        List<OrderLine> toShip;
        if (lineIds is null || lineIds.Count == 0)
        {
            toShip = unshipped;
        }
        else
        {
            var unknown = lineIds.Where(id => Lines.All(l => l.Id != id)).ToList();
            if (unknown.Count > 0) throw SprigException.Validation("lineIds", $"{unknown[0]} is not a line of this order");
            toShip = unshipped.Where(l => lineIds.Contains(l.Id)).ToList();
            if (toShip.Count != lineIds.Count) throw SprigException.InvalidState("Some of these lines have already shipped.");
        }

        var shipment = new Shipment { Id = Ids.New(), OrderId = Id, Carrier = carrier, TrackingNumber = trackingNumber, ShippedAt = now };
        Shipments.Add(shipment);
        foreach (var line in toShip)
        {
            line.ShipmentId = shipment.Id;
            line.ShippedAt = now;
            line.ShippedLate = ShipBy(line) is { } by && now > by;
        }
        var allShipped = Lines.All(l => l.ShipmentId is not null);
        Status = allShipped ? OrderStatus.Shipped : OrderStatus.PartiallyShipped;
        if (allShipped) ShippedAt = now;
        return shipment;
    }

    public bool NothingShipped => Lines.All(l => l.ShipmentId is null);

    /// <summary>After a refund: an order refunded in full before anything shipped is closed (200).</summary>
    public void CloseIfFullyRefunded(DateTimeOffset now)
    {
        if (Refunded >= Paid && NothingShipped && Status is OrderStatus.PendingShipment)
        {
            Status = OrderStatus.CancelledAfterFullRefund;
            CancelledAt = now;
        }
    }

    public void ConfirmReceipt(DateTimeOffset now, bool automatic)
    {
        if (Status != OrderStatus.Shipped)
            throw SprigException.InvalidState($"The order is {Status}; receipt can be confirmed only once it has shipped.");
        Status = OrderStatus.Completed;
        ReceivedAt = now;
        ReceiptAutoConfirmed = automatic;
    }
}
