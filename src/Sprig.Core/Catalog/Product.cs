using Sprig.Kernel;

namespace Sprig.Catalog;

public enum ProductStatus { Draft, PendingReview, Listed, Delisted, Recycled, BlockedByPlatform }

public enum StockKind { InStock, Presale }

public enum ReturnPolicy { Standard, ExceptCustom, NotAfterUse }

/// <summary>A product (SPU) with its sellable SKUs.</summary>
public sealed class Product
{
    public static readonly int[] ShippingPromisesHours = [24, 48, 72];

    public Guid Id { get; init; }
    public Guid ShopId { get; init; }
    public Guid CategoryId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;
    public StockKind StockKind { get; set; } = StockKind.InStock;
    /// <summary>For a full-payment presale: days until it ships (up to 15, or 330 with approval).</summary>
    public int? PresaleShipDays { get; set; }
    public int ShippingHours { get; set; } = 48;
    public ReturnPolicy ReturnPolicy { get; set; } = ReturnPolicy.Standard;
    public bool FreightInsurance { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ListedAt { get; private set; }
    public int Version { get; set; }
    public List<Sku> Skus { get; init; } = [];

    public void List(DateTimeOffset now)
    {
        if (Status is ProductStatus.BlockedByPlatform or ProductStatus.Recycled)
            throw SprigException.InvalidState($"A product that is {Status} cannot be listed.");
        if (Skus.Count == 0) throw SprigException.InvalidState("A product needs at least one SKU to be listed.");
        Status = ProductStatus.Listed;
        ListedAt ??= now;
    }

    public void Delist()
    {
        if (Status != ProductStatus.Listed) throw SprigException.InvalidState($"A product that is {Status} cannot be delisted.");
        Status = ProductStatus.Delisted;
    }

    /// <summary>How many hours after payment the merchant has to ship: the presale's days, or the shipping promise.</summary>
    public static int ShippingHoursFor(StockKind kind, int? presaleShipDays, int shippingHours) =>
        kind == StockKind.Presale && presaleShipDays is { } days ? days * 24 : shippingHours;
}
