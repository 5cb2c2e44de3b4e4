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
    /// <summary>The price it sold at: the SKU's, a flash sale's or a campaign's.</summary>
    public long UnitPrice { get; init; }
    public Guid? FlashSaleId { get; init; }
    public Guid? CampaignId { get; init; }
    /// <summary>unitPrice × quantity, before any discount.</summary>
    public long Original { get; init; }
    public long ShopDiscount { get; init; }
    /// <summary>Platform-funded: a campaign's subsidy and the line's share of the platform coupon.</summary>
    public long PlatformDiscount { get; init; }
    /// <summary>
    /// Of <see cref="PlatformDiscount"/>, the campaign's subsidy (drawn on the campaign's budget); the rest is the line's
    /// share of the order's platform coupon (drawn on the coupon's). The line is the record of what it drew: a cancel
    /// or refund gives back from it, the campaign's part first.
    /// </summary>
    public long CampaignSubsidy { get; init; }
    /// <summary>Of <see cref="PlatformDiscount"/>, what refunds have given back to the budget (and, after settlement, clawed back).</summary>
    public long SubsidyReturned { get; set; }
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
