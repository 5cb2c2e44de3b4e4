using Sprig.Kernel;

namespace Sprig.Promotions;

/// <summary>A line of a cart or order before discounts: its amount (unit price × quantity) and quantity.</summary>
public sealed record PriceLine(Guid LineId, long Amount, int Quantity);

/// <summary>A line after discounts: what each discount took from it, to the fen, so partial refunds are exact.</summary>
public sealed record PricedLine(Guid LineId, long Original, long ShopDiscount, long PlatformDiscount)
{
    public long Paid => Original - ShopDiscount - PlatformDiscount;
}

public sealed record Quote(long Original, long ShopDiscount, long PlatformDiscount, IReadOnlyList<PricedLine> Lines, Coupon? ShopCoupon, Coupon? PlatformCoupon)
{
    public long Paid => Original - ShopDiscount - PlatformDiscount;
}

/// <summary>
/// The one price calculator (DOMAIN.md, Promotions): sale price → shop coupon → platform coupon, at most one
/// of each; a threshold is checked against the amount left after the previous step; each order-level discount
/// is allocated to the lines pro rata by what is left on them (largest remainder), so the lines always add up.
/// </summary>
public static class PriceCalculator
{
    /// <summary>A percentage coupon never takes the price below this share of it.</summary>
    public const int PercentFloor = 20;

    public static Quote Price(IReadOnlyList<PriceLine> lines, Coupon? shopCoupon, Coupon? platformCoupon)
    {
        var original = lines.Sum(l => l.Amount);
        var quantity = lines.Sum(l => l.Quantity);
        var shopOff = shopCoupon is null ? 0 : DiscountOf(shopCoupon, original, quantity);
        var shopParts = Allocation.Split(shopOff, lines.Select(l => l.Amount).ToArray());
        var afterShop = lines.Select((l, i) => l.Amount - shopParts[i]).ToArray();
        var platformOff = platformCoupon is null ? 0 : DiscountOf(platformCoupon, afterShop.Sum(), quantity);
        var platformParts = Allocation.Split(platformOff, afterShop);
        var priced = lines.Select((l, i) => new PricedLine(l.LineId, l.Amount, shopParts[i], platformParts[i])).ToList();
        return new Quote(original, shopOff, platformOff, priced, shopOff > 0 ? shopCoupon : null, platformOff > 0 ? platformCoupon : null);
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
