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

    // the platform's spot check (巡检) after listing: a product sells the moment it is listed, and an operator
    // checks it later; null ReviewedAt on a listed product is the queue
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    /// <summary>Why the platform blocked it, shown to the merchant; null unless blocked.</summary>
    public string? BlockReason { get; private set; }
    public DateTimeOffset? BlockedAt { get; private set; }

    public const int MaxBlockReason = 300;

    public void List(DateTimeOffset now)
    {
        if (Status == ProductStatus.BlockedByPlatform)
            throw new SprigException(409, "product_blocked", $"The platform blocked this product ({BlockReason}); it cannot be listed until the platform lifts the block.");
        if (Status == ProductStatus.Recycled)
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

    /// <summary>What buyers see changed: the spot check that passed it no longer covers it, so it goes back in the queue.</summary>
    public void Edited() => (ReviewedAt, ReviewedBy) = (null, null);

    /// <summary>The operator looked at the listed product and found nothing wrong.</summary>
    public void PassReview(Guid operatorId, DateTimeOffset now)
    {
        if (Status != ProductStatus.Listed) throw SprigException.InvalidState($"Only a listed product is spot-checked; this one is {Status}.");
        (ReviewedAt, ReviewedBy) = (now, operatorId);
    }

    /// <summary>Taken off sale by the platform, with the reason the merchant will read. Any product can be blocked but a blocked one.</summary>
    public void Block(string reason, Guid operatorId, DateTimeOffset now)
    {
        if (Status == ProductStatus.BlockedByPlatform) throw SprigException.InvalidState("The product is already blocked.");
        Status = ProductStatus.BlockedByPlatform;
        (BlockReason, BlockedAt, ReviewedAt, ReviewedBy) = (reason, now, now, operatorId);
    }

    /// <summary>
    /// The block lifted. The product comes back delisted, not listed: the merchant fixes what the block named and
    /// lists it again (整改后重新上架), so the platform never puts goods on sale on the merchant's behalf, with stock,
    /// prices or promotions the merchant may no longer stand behind. The operator's decision counts as its review.
    /// </summary>
    public void Unblock(Guid operatorId, DateTimeOffset now)
    {
        if (Status != ProductStatus.BlockedByPlatform) throw SprigException.InvalidState($"Only a blocked product can be unblocked; this one is {Status}.");
        Status = ProductStatus.Delisted;
        (BlockReason, BlockedAt, ReviewedAt, ReviewedBy) = (null, null, now, operatorId);
    }

    /// <summary>How many hours after payment the merchant has to ship: the presale's days, or the shipping promise.</summary>
    public static int ShippingHoursFor(StockKind kind, int? presaleShipDays, int shippingHours) =>
        kind == StockKind.Presale && presaleShipDays is { } days ? days * 24 : shippingHours;
}
