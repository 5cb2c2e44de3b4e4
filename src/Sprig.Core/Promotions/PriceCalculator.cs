using Sprig.Kernel;

namespace Sprig.Promotions;

/// <summary>
/// A line of a cart or order at its sale price (the SKU's, a flash sale's or a campaign's) times quantity, with
/// the campaign subsidy the platform pays off that price, if any.
/// </summary>
public sealed record PriceLine(Guid LineId, Guid ProductId, long Amount, int Quantity, long Subsidy = 0);

/// <summary>A line after discounts: what each discount took from it, to the fen, so partial refunds are exact.</summary>
public sealed record PricedLine(Guid LineId, long Original, long Subsidy, long ShopDiscount, long PlatformCouponDiscount)
{
    /// <summary>Everything the platform pays on the line: the campaign subsidy and its share of the platform coupon.</summary>
    public long PlatformDiscount => Subsidy + PlatformCouponDiscount;
    public long Paid => Original - ShopDiscount - PlatformDiscount;
}

public sealed record Quote(IReadOnlyList<PricedLine> Lines, Coupon? ShopCoupon, Coupon? PlatformCoupon)
{
    // summed once: Best compares hundreds of quotes
    public long Original { get; } = Lines.Sum(l => l.Original);
    public long Subsidy { get; } = Lines.Sum(l => l.Subsidy);
    public long ShopDiscount { get; } = Lines.Sum(l => l.ShopDiscount);
    public long PlatformCouponDiscount { get; } = Lines.Sum(l => l.PlatformCouponDiscount);
    public long PlatformDiscount => Subsidy + PlatformCouponDiscount;
    public long Paid => Original - ShopDiscount - PlatformDiscount;
}

/// <summary>
/// The one price calculator (DOMAIN.md, Promotions): sale price (less a campaign subsidy) → shop coupon →
/// platform coupon, at most one of each; a threshold is checked against the amount left after the previous
/// step; a coupon scoped to products counts and discounts only their lines; each discount is allocated to its
/// lines pro rata by what is left on them (largest remainder), so the lines always add up to the order.
/// </summary>
public static class PriceCalculator
{
    /// <summary>A percentage coupon never takes the price below this share of it.</summary>
    public const int PercentFloor = 20;

    public static Quote Price(IReadOnlyList<PriceLine> lines, Coupon? shopCoupon, Coupon? platformCoupon)
    {
        var afterSale = lines.Select(l => l.Amount - l.Subsidy).ToArray();
        var shopParts = Apply(shopCoupon, lines, afterSale);
        var afterShop = afterSale.Select((a, i) => a - shopParts[i]).ToArray();
        var platformParts = Apply(platformCoupon, lines, afterShop);
        var priced = lines.Select((l, i) => new PricedLine(l.LineId, l.Amount, l.Subsidy, shopParts[i], platformParts[i])).ToList();
        return new Quote(priced, shopParts.Sum() > 0 ? shopCoupon : null, platformParts.Sum() > 0 ? platformCoupon : null);
    }

    /// <summary>The combination of at most one shop coupon and one platform coupon that takes the most off.</summary>
    public static Quote Best(IReadOnlyList<PriceLine> lines, IReadOnlyList<Coupon> shopCoupons, IReadOnlyList<Coupon> platformCoupons)
    {
        var best = Price(lines, null, null);
        foreach (var s in shopCoupons.Cast<Coupon?>().Prepend(null))
        {
            foreach (var p in platformCoupons.Cast<Coupon?>().Prepend(null))
            {
                var q = Price(lines, s, p);
                if (q.Paid < best.Paid) best = q;
            }
        }
        return best;
    }

    /// <summary>A coupon's discount on the lines it applies to, split over them by what is left on each.</summary>
    private static long[] Apply(Coupon? coupon, IReadOnlyList<PriceLine> lines, long[] left)
    {
        if (coupon is null) return new long[lines.Count];
        var eligible = lines.Select((l, i) => coupon.AppliesTo(l.ProductId) ? left[i] : 0).ToArray();
        var quantity = lines.Where(l => coupon.AppliesTo(l.ProductId)).Sum(l => l.Quantity);
        return Allocation.Split(DiscountOf(coupon, eligible.Sum(), quantity), eligible);
    }

    /// <summary>What a coupon takes off an amount (0 when its condition is not met), never more than the amount.</summary>
    public static long DiscountOf(Coupon c, long amount, int quantity)
    {
        var off = c.Kind switch
        {
            CouponKind.Threshold => amount >= c.Threshold ? c.Amount : 0,
            CouponKind.Direct => c.Amount,
            CouponKind.Percent => amount - Allocation.ApplyBps(amount, Math.Max(c.Percent, PercentFloor) * 100),
            CouponKind.Quantity => quantity >= c.Threshold ? amount - Allocation.ApplyBps(amount, Math.Max(c.Percent, PercentFloor) * 100) : 0,
            _ => 0,
        };
        return Math.Clamp(off, 0, amount);
    }
}
