using Sprig.Promotions;

namespace Sprig.Server.Web.Shared;

/// <summary>A coupon's terms as buyers read them: 满¥100减¥15, 立减¥5, 9折, 满3件8折.</summary>
public static class CouponText
{
    public static string Terms(Coupon c, Lang l) => Terms(c.Kind, c.Threshold, c.Amount, c.Percent, l);

    public static string Terms(CouponKind kind, long threshold, long amount, int percent, Lang l) => kind switch
    {
        CouponKind.Threshold => l.F("coupon.threshold", Fmt.Yuan(threshold), Fmt.Yuan(amount)),
        CouponKind.Direct => l.F("coupon.direct", Fmt.Yuan(amount)),
        CouponKind.Percent => l.F("coupon.percent", Discount(percent, l), percent),
        _ => l.F("coupon.quantity", threshold, Discount(percent, l), percent),
    };

    /// <summary>Chinese says 9折 for paying 90%; 85% is 8.5折.</summary>
    private static string Discount(int percent, Lang l) => (percent / 10m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    public static string Funding(Coupon c, Lang l) => c.Funding == CouponFunding.Platform ? l["coupon.platform"] : l["coupon.shop"];
}
