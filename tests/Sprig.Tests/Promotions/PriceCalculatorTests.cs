using FsCheck;
using FsCheck.Fluent;
using Sprig.Kernel;
using Sprig.Promotions;

namespace Sprig.Tests.Promotions;

/// <summary>The price calculator's rules of DOMAIN.md, and the arithmetic that must never lose a fen.</summary>
public sealed class PriceCalculatorTests
{
    private static Coupon C(CouponKind kind, long threshold = 0, long amount = 0, int percent = 0, CouponFunding funding = CouponFunding.Shop) => new()
    {
        Id = Ids.New(), Kind = kind, Threshold = threshold, Amount = amount, Percent = percent, Funding = funding, TotalQuantity = 1, PerBuyerLimit = 1,
    };

    private static PriceLine L(long amount, int qty = 1, Guid? product = null, long subsidy = 0) => new(Ids.New(), product ?? Ids.New(), amount, qty, subsidy);

    [Fact]
    public void PlatformThreshold_IsCheckedAfterTheShopCoupon()
    {
        // ¥100 cart, shop ¥10 off, platform "¥5 off every ¥95": 90 left is below 95, so the platform coupon does not apply
        var q = PriceCalculator.Price([L(6_000), L(4_000)], C(CouponKind.Direct, amount: 1_000), C(CouponKind.Threshold, 9_500, 500, funding: CouponFunding.Platform));
        Assert.Equal((1_000L, 0L, 9_000L), (q.ShopDiscount, q.PlatformDiscount, q.Paid));
        Assert.Null(q.PlatformCoupon);
    }

    [Fact]
    public void Discounts_AreAllocatedProRata_AndTheLinesAddUp()
    {
        var q = PriceCalculator.Price([L(1_000), L(2_000), L(3_001)], C(CouponKind.Direct, amount: 1_000), C(CouponKind.Threshold, 1_000, 333, funding: CouponFunding.Platform));
        Assert.Equal(q.ShopDiscount, q.Lines.Sum(l => l.ShopDiscount));
        Assert.Equal(q.PlatformDiscount, q.Lines.Sum(l => l.PlatformDiscount));
        Assert.Equal([167L, 333L, 500L], q.Lines.Select(l => l.ShopDiscount));
    }

    [Fact]
    public void Percent_NeverBelowTwentyPercentOfThePrice()
    {
        Assert.Equal(8_000, PriceCalculator.DiscountOf(C(CouponKind.Percent, percent: 10), 10_000, 1)); // 10% asked, 20% floor kept
        Assert.Equal(1_500, PriceCalculator.DiscountOf(C(CouponKind.Percent, percent: 85), 10_000, 1));
        Assert.Equal(0, PriceCalculator.DiscountOf(C(CouponKind.Quantity, threshold: 3, percent: 50), 10_000, 2));
        Assert.Equal(5_000, PriceCalculator.DiscountOf(C(CouponKind.Quantity, threshold: 3, percent: 50), 10_000, 3));
    }

    [Fact]
    public void Best_PicksTheCombinationThatTakesTheMostOff()
    {
        var lines = new[] { L(20_000, 2) };
        var shop = new[] { C(CouponKind.Direct, amount: 1_000), C(CouponKind.Threshold, 15_000, 3_000) };
        var platform = new[] { C(CouponKind.Threshold, 18_000, 2_000, funding: CouponFunding.Platform), C(CouponKind.Threshold, 16_000, 1_500, funding: CouponFunding.Platform) };
        var best = PriceCalculator.Best(lines, shop, platform);
        // 3,000 off by the shop leaves 17,000: the 18,000 platform threshold no longer holds, the 16,000 one does
        Assert.Equal((3_000L, 1_500L), (best.ShopDiscount, best.PlatformDiscount));
    }

    [Fact]
    public void ProductCoupon_CountsAndDiscountsOnlyItsProducts()
    {
        var mug = Ids.New();
        var coupon = new Coupon { Id = Ids.New(), Kind = CouponKind.Threshold, Threshold = 5_000, Amount = 1_000, Funding = CouponFunding.Shop, ProductIds = [mug] };
        // ¥40 of mugs and ¥60 of other goods: the ¥50 threshold is checked on the mugs alone
        Assert.Equal(0, PriceCalculator.Price([L(4_000, product: mug), L(6_000)], coupon, null).ShopDiscount);
        var q = PriceCalculator.Price([L(5_000, product: mug), L(6_000)], coupon, null);
        Assert.Equal([1_000L, 0L], q.Lines.Select(l => l.ShopDiscount));
    }

    [Fact]
    public void CampaignSubsidy_ComesFirst_AndThresholdsSeeThePriceAfterIt()
    {
        // ¥100 at the campaign price with a ¥10 subsidy: the shop's "¥10 off ¥95" no longer holds
        var q = PriceCalculator.Price([L(10_000, subsidy: 1_000)], C(CouponKind.Threshold, 9_500, 1_000), null);
        Assert.Equal((1_000L, 0L, 9_000L), (q.PlatformDiscount, q.ShopDiscount, q.Paid));
        Assert.Null(q.ShopCoupon);
    }

    [Fact]
    public void ShopDirectCut_NeverTakesALineBelowZero()
    {
        var q = PriceCalculator.Price([L(300), L(200)], C(CouponKind.Direct, amount: 20_000), null);
        Assert.Equal((500L, 0L), (q.ShopDiscount, q.Paid));
        Assert.All(q.Lines, l => Assert.Equal(0, l.Paid));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool RandomCartsAndCoupons_LinesSumToTheOrder_NoLineBelowZero(PositiveInt[] amounts, NonNegativeInt off1, NonNegativeInt off2, PositiveInt threshold)
    {
        if (amounts.Length == 0) return true;
        var lines = amounts.Take(50).Select(a => L(a.Get % 1_000_000 + 1, 1 + a.Get % 3, subsidy: a.Get % 7 == 0 ? a.Get % 1_000 : 0)).ToList();
        var q = PriceCalculator.Price(lines, C(CouponKind.Direct, amount: off1.Get),
            C(CouponKind.Threshold, threshold.Get % 100_000, off2.Get % 100_000, funding: CouponFunding.Platform));
        return q.Lines.Sum(l => l.ShopDiscount) == q.ShopDiscount
               && q.Lines.Sum(l => l.PlatformDiscount) == q.PlatformDiscount
               && q.Lines.Sum(l => l.Original) == q.Original
               && q.Lines.All(l => l.ShopDiscount >= 0 && l.PlatformDiscount >= 0 && l.Paid >= 0)
               && q.Lines.Sum(l => l.Paid) == q.Paid
               && q.Paid >= 0;
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Best_IsTheCheapestOfEveryCombination_PricedInFull(PositiveInt[] amounts, PositiveInt[] offs)
    {
        if (amounts.Length == 0 || offs.Length == 0) return true;
        var products = amounts.Take(3).Select(_ => Ids.New()).ToList();
        var lines = amounts.Take(20).Select((a, i) => L(a.Get % 100_000 + 1, 1 + a.Get % 3, products[i % products.Count], subsidy: a.Get % 5 == 0 ? a.Get % 500 : 0)).ToList();
        var kinds = Enum.GetValues<CouponKind>();
        Coupon Make(int o, CouponFunding funding)
        {
            var c = C(kinds[o % 4], kinds[o % 4] == CouponKind.Quantity ? o % 6 : o % 200_000, o % 20_000, funding: funding, percent: 20 + o % 80);
            // some shop coupons are scoped to one product
            return funding == CouponFunding.Shop && o % 3 == 0 ? new Coupon
            {
                Id = c.Id, Kind = c.Kind, Funding = c.Funding, Threshold = c.Threshold, Amount = c.Amount, Percent = c.Percent,
                TotalQuantity = 1, PerBuyerLimit = 1, ProductIds = [products[o % products.Count]],
            } : c;
        }
        var shop = offs.Take(6).Select(o => Make(o.Get, CouponFunding.Shop)).ToList();
        var platform = offs.Skip(6).Take(6).Select(o => Make(o.Get, CouponFunding.Platform)).ToList();

        var best = PriceCalculator.Best(lines, shop, platform);
        // the brute force it replaced: every combination priced and allocated, the first cheapest kept
        var expected = PriceCalculator.Price(lines, null, null);
        foreach (var s in shop.Cast<Coupon?>().Prepend(null))
            foreach (var p in platform.Cast<Coupon?>().Prepend(null))
                if (PriceCalculator.Price(lines, s, p) is var q && q.Paid < expected.Paid) expected = q;
        return best.Paid == expected.Paid && best.ShopCoupon == expected.ShopCoupon && best.PlatformCoupon == expected.PlatformCoupon
               && best.Lines.Select(l => (l.ShopDiscount, l.PlatformCouponDiscount)).SequenceEqual(expected.Lines.Select(l => (l.ShopDiscount, l.PlatformCouponDiscount)));
    }
}
