namespace Sprig.Ordering;

/// <summary>One SKU of an order, with its price snapshot and its own shipping deadline.</summary>
public sealed class OrderLine
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid SkuId { get; init; }
    public Guid ProductId { get; init; }
    public required string Title { get; init; }
    public required string SkuName { get; init; }
    public int Quantity { get; init; }
    public long UnitPrice { get; init; }
    /// <summary>unitPrice × quantity, before any discount.</summary>
    public long Original { get; init; }
    public long ShopDiscount { get; init; }
    public long PlatformDiscount { get; init; }
    public long CreatorDiscount { get; init; }
    public long Freight { get; init; }
    public long Paid { get; init; }
    /// <summary>Refunded so far on this line (goods only; freight refunds are the order's).</summary>
    public long Refunded { get; set; }
    /// <summary>Hours the product promised to ship within, counted from payment (see <see cref="Order.ShipBy"/>).</summary>
    public int ShippingHours { get; init; }
    public Guid? ShipmentId { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    /// <summary>Shipped after its deadline: counts against the shop score.</summary>
    public bool ShippedLate { get; set; }
}
