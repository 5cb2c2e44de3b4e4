using Sprig.Promotions;

namespace Sprig.Server.Web.Buyer;

/// <summary>A coupon a buyer may claim, how many of it they hold, and why the last claim failed, if it did.</summary>
public sealed record ClaimableCoupon(Coupon Coupon, int Held, string? Problem = null);
