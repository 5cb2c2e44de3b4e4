using Sprig.Kernel;

namespace Sprig.Promotions;

public enum CouponKind
{
    /// <summary>满减: spend <c>Threshold</c>, get <c>Amount</c> off.</summary>
    Threshold,
    /// <summary>直减: <c>Amount</c> off.</summary>
    Direct,
    /// <summary>折扣: pay <c>Percent</c>% of the price.</summary>
    Percent,
    /// <summary>Buy <c>Threshold</c> items, pay <c>Percent</c>% of their price.</summary>
    Quantity,
}

public enum CouponFunding { Shop, Platform }

/// <summary>
/// A coupon a shop or the platform issues: its kind and numbers, how many there are, how many one buyer may
/// hold, when it can be claimed and how long a claimed one stays valid. The caps of DOMAIN.md are checked
/// when it is made: a shop's direct cut is at most ¥200, a shop's 满减 gives at most 80% of its threshold.
/// </summary>
public sealed class Coupon
{
    public const long MaxShopDirectCut = 20_000;
    public const int MaxShopThresholdSharePercent = 80;

    public Guid Id { get; init; }
    /// <summary>The shop whose goods it applies to; null for a platform (cross-shop) coupon.</summary>
    public Guid? ShopId { get; init; }
    public CouponFunding Funding { get; init; }
    public CouponKind Kind { get; init; }
    public long Threshold { get; init; }
    public long Amount { get; init; }
    public int Percent { get; init; }
    public int TotalQuantity { get; set; }
    /// <summary>Claimed so far; never above <see cref="TotalQuantity"/> (a conditional update guards it).</summary>
    public int Claimed { get; set; }
    public int PerBuyerLimit { get; set; }
    public DateTimeOffset ClaimFrom { get; init; }
    public DateTimeOffset ClaimTo { get; set; }
    /// <summary>A claimed coupon is valid for this many days; without it, until <see cref="ClaimTo"/>.</summary>
    public int? ValidDays { get; init; }
    /// <summary>A shop coupon that applies only to these products; null for the whole shop.</summary>
    public List<Guid>? ProductIds { get; init; }
    /// <summary>Platform coupons draw their discounts from this budget.</summary>
    public Guid? BudgetId { get; init; }
    /// <summary>A platform coupon issued for a campaign draws on the campaign's budget.</summary>
    public Guid? CampaignId { get; init; }
    public PromotionStatus Status { get; set; } = PromotionStatus.Active;
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public bool AppliesTo(Guid productId) => ProductIds is not { Count: > 0 } ids || ids.Contains(productId);

    public DateTimeOffset ExpiresAfterClaimAt(DateTimeOffset claimedAt) => ValidDays is { } d ? claimedAt.AddDays(d) : ClaimTo;

    /// <summary>Checks the numbers of a new coupon; the field names are the API's.</summary>
    public static void Check(Validator v, CouponFunding funding, CouponKind kind, long? threshold, long? amount, int? percent)
    {
        switch (kind)
        {
            case CouponKind.Threshold:
                v.Require(threshold is > 0 and <= 1_000_000_000, "threshold", "must be between 1 and 1000000000 fen")
                 .Require(amount is > 0, "amount", "must be more than 0 fen")
                 .Require(amount is null || threshold is null || amount < threshold, "amount", "must be less than the threshold");
                if (funding == CouponFunding.Shop && threshold is { } t && amount is { } a)
                    v.Require(a * 100 <= t * MaxShopThresholdSharePercent, "amount", $"a shop's 满减 gives at most {MaxShopThresholdSharePercent}% of its threshold");
                break;
            case CouponKind.Direct:
                v.Require(amount is > 0 and <= 1_000_000_000, "amount", "must be more than 0 fen")
                 .Require(funding == CouponFunding.Platform || amount is null or <= MaxShopDirectCut, "amount", "a shop's direct cut is at most ¥200 (20000 fen)");
                break;
            case CouponKind.Percent:
                v.Require(percent is >= 10 and <= 100, "percent", "must be between 10 and 100");
                break;
            case CouponKind.Quantity:
                v.Require(threshold is >= 2 and <= 999, "threshold", "must be between 2 and 999 items")
                 .Require(percent is >= 10 and < 100, "percent", "must be between 10 and 99");
                break;
        }
    }
}

/// <summary>
/// A coupon a buyer claimed: available until used or expired. Used means an order that is not cancelled names
/// it (<see cref="Ordering.Order.ShopBuyerCouponId"/>, <see cref="Ordering.Order.PlatformBuyerCouponId"/>): a unique
/// index over live orders keeps one copy on one order, and cancelling the order gives it back by itself.
/// </summary>
public sealed class BuyerCoupon
{
    public Guid Id { get; init; }
    public Guid CouponId { get; init; }
    public Guid BuyerId { get; init; }
    /// <summary>1 for the buyer's first of this coupon, 2 for the second...: unique with the coupon and buyer, so racing claims cannot pass the per-buyer limit.</summary>
    public int Ordinal { get; init; }
    public DateTimeOffset ClaimedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Money the platform sets aside for subsidies: a hard cap that concurrent draws can never pass.</summary>
public sealed class SubsidyBudget
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public long Total { get; init; }
    public long Drawn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
