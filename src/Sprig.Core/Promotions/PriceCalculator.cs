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
    // summed once, in one pass: Best compares hundreds of quotes, and checkout makes one per order
    private readonly (long Original, long Subsidy, long Shop, long Platform) _sums = Sum(Lines);
    public long Original => _sums.Original;
    public long Subsidy => _sums.Subsidy;
    public long ShopDiscount => _sums.Shop;
    public long PlatformCouponDiscount => _sums.Platform;
    public long PlatformDiscount => Subsidy + PlatformCouponDiscount;
    public long Paid => Original - ShopDiscount - PlatformDiscount;

    private static (long, long, long, long) Sum(IReadOnlyList<PricedLine> lines)
    {
        long original = 0, subsidy = 0, shop = 0, platform = 0;
        foreach (var l in lines) (original, subsidy, shop, platform) = (original + l.Original, subsidy + l.Subsidy, shop + l.ShopDiscount, platform + l.PlatformCouponDiscount);
        return (original, subsidy, shop, platform);
    }
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

    // loops, not LINQ: checkout prices every order of a batch with this, and quotes price hundreds of combinations
    public static Quote Price(IReadOnlyList<PriceLine> lines, Coupon? shopCoupon, Coupon? platformCoupon)
    {
        var left = new long[lines.Count];
        for (var i = 0; i < left.Length; i++) left[i] = lines[i].Amount - lines[i].Subsidy;
        var shopParts = Apply(shopCoupon, lines, left);
        for (var i = 0; i < left.Length; i++) left[i] -= shopParts[i];
        var platformParts = Apply(platformCoupon, lines, left);
        var priced = new PricedLine[lines.Count];
        long shopTotal = 0, platformTotal = 0;
        for (var i = 0; i < priced.Length; i++)
        {
            priced[i] = new PricedLine(lines[i].LineId, lines[i].Amount, lines[i].Subsidy, shopParts[i], platformParts[i]);
            shopTotal += shopParts[i];
            platformTotal += platformParts[i];
        }
        return new Quote(priced, shopTotal > 0 ? shopCoupon : null, platformTotal > 0 ? platformCoupon : null);
    }

    /// <summary>The combination of at most one shop coupon and one platform coupon that takes the most off.</summary>
    public static Quote Best(IReadOnlyList<PriceLine> lines, IReadOnlyList<Coupon> shopCoupons, IReadOnlyList<Coupon> platformCoupons)
    {
        // Only the chosen combination is allocated to its lines. Comparing needs just what each coupon takes off,
        // and a coupon's discount is exact before it is split: so the shop coupon is split once (the platform coupon's
        // threshold sees the lines after it), and each platform coupon is one pass over the lines
        var afterSale = new long[lines.Count];
        long total = 0;
        for (var i = 0; i < afterSale.Length; i++) total += afterSale[i] = lines[i].Amount - lines[i].Subsidy;
        var (bestShop, bestPlatform, bestPaid) = ((Coupon?)null, (Coupon?)null, total);
        var left = new long[lines.Count];
        for (var s = -1; s < shopCoupons.Count; s++)
        {
            var shop = s < 0 ? null : shopCoupons[s];
            var shopParts = Apply(shop, lines, afterSale);
            long shopOff = 0;
            for (var i = 0; i < left.Length; i++) { left[i] = afterSale[i] - shopParts[i]; shopOff += shopParts[i]; }
            for (var p = -1; p < platformCoupons.Count; p++)
            {
                var platform = p < 0 ? null : platformCoupons[p];
                var paid = total - shopOff - (platform is null ? 0 : DiscountOn(platform, lines, left));
                // the first combination that takes the most off, in the order the candidates were given
                if (paid < bestPaid) (bestShop, bestPlatform, bestPaid) = (shop, platform, paid);
            }
        }
        return Price(lines, bestShop, bestPlatform);
    }

    /// <summary>What a coupon takes off the lines it applies to, before it is split over them.</summary>
    private static long DiscountOn(Coupon coupon, IReadOnlyList<PriceLine> lines, long[] left)
    {
        long amount = 0;
        var quantity = 0;
        for (var i = 0; i < left.Length; i++)
        {
            if (!coupon.AppliesTo(lines[i].ProductId)) continue;
            amount += left[i];
            quantity += lines[i].Quantity;
        }
        return DiscountOf(coupon, amount, quantity);
    }

    /// <summary>A coupon's discount on the lines it applies to, split over them by what is left on each.</summary>
    private static long[] Apply(Coupon? coupon, IReadOnlyList<PriceLine> lines, long[] left)
    {
        var eligible = new long[lines.Count];
        if (coupon is null) return eligible;
        for (var i = 0; i < eligible.Length; i++) eligible[i] = coupon.AppliesTo(lines[i].ProductId) ? left[i] : 0;
        return Allocation.Split(DiscountOn(coupon, lines, left), eligible);
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
