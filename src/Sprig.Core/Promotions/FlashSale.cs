namespace Sprig.Promotions;

public enum PromotionStatus { Active, Paused, Ended }

public static class PromotionStatuses
{
    /// <summary>Active ⇄ paused, and either to ended, for good: the one life of a coupon, flash sale or campaign.</summary>
    public static PromotionStatus Move(PromotionStatus from, PromotionStatus to, string what)
    {
        var allowed = (from, to) is (PromotionStatus.Active, PromotionStatus.Paused) or (PromotionStatus.Paused, PromotionStatus.Active)
            or (PromotionStatus.Active or PromotionStatus.Paused, PromotionStatus.Ended);
        if (!allowed) throw Kernel.SprigException.InvalidState($"The {what} is {from.ToString().ToLowerInvariant()}.");
        return to;
    }
}

/// <summary>
/// 秒杀: one SKU at a special price for a time window, with its own quota and a per-buyer limit. Units sold at
/// the flash price also take the SKU's stock; once the quota is gone the SKU sells at its own price again.
/// </summary>
public sealed class FlashSale
{
    public const int MaxQuota = 10_000_000;

    public Guid Id { get; init; }
    public Guid ShopId { get; init; }
    public Guid SkuId { get; init; }
    public Guid ProductId { get; init; }
    public long Price { get; set; }
    /// <summary>The SKU's own price when the sale was made: what the report counts the discount against.</summary>
    public long RegularPrice { get; init; }
    public int Quota { get; set; }
    /// <summary>Units sold at the flash price (less cancelled orders); never above <see cref="Quota"/>.</summary>
    public int Sold { get; set; }
    public int PerBuyerLimit { get; set; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; set; }
    public PromotionStatus Status { get; set; } = PromotionStatus.Active;
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public bool IsOn(DateTimeOffset now) => Status == PromotionStatus.Active && now >= StartsAt && now < EndsAt;
}

/// <summary>How many units of a flash sale one buyer holds (less cancelled orders): the per-buyer limit's counter.</summary>
public sealed class FlashSaleBuyer
{
    public Guid FlashSaleId { get; init; }
    public Guid BuyerId { get; init; }
    public int Quantity { get; set; }
}
