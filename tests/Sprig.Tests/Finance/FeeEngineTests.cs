using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Tests.Finance;

/// <summary>The fee rules of DOMAIN.md, as arithmetic.</summary>
public sealed class FeeEngineTests
{
    private static readonly DateTimeOffset Opened = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Apparel = Guid.NewGuid();
    private static readonly Guid Snacks = Guid.NewGuid();
    private static readonly Dictionary<Guid, int> Rates = new() { [Apparel] = 500, [Snacks] = 200 };

    private static FeeProgram NewShop(long cap = 100_000_000) => new()
    {
        Id = Ids.New(), Kind = FeeProgramKind.NewShop, Name = "newShop", RateBps = 100, StartsAt = Opened.AddYears(-1), GmvCap = cap, DaysFromOpening = 30,
    };

    private static FeeOrder Order(Scene scene = Scene.Other, int days = 1, ShopKind kind = ShopKind.Enterprise, int score = 48) =>
        new(scene, Opened.AddDays(days), kind, Opened, score);

    [Fact]
    public void CategoryRate_WhenNoProgramApplies()
    {
        var (parts, used) = FeeEngine.Compute(Order(days: 40), [new FeeLine(Guid.NewGuid(), Apparel, 10_000)], Rates, [NewShop()], 60, 0);
        Assert.Equal(500, Assert.Single(parts).RateBps);
        Assert.Equal(500, parts[0].Fee);
        Assert.Equal("category", parts[0].Program);
        Assert.Equal(0, used);
    }

    [Fact]
    public void NewShop_CrossingTheCap_SplitsTheOrder_OnePercentUnderTheCap_CategoryRateAbove()
    {
        // ¥999,900 of the ¥1,000,000 already used; this ¥500 order crosses the cap by ¥400
        var line = new FeeLine(Guid.NewGuid(), Apparel, 50_000);
        var (parts, used) = FeeEngine.Compute(Order(), [line], Rates, [NewShop()], 60, 99_990_000);
        Assert.Equal(2, parts.Count);
        Assert.Equal((10_000L, 100, 100L), (parts[0].Base, parts[0].RateBps, parts[0].Fee));
        Assert.Equal((40_000L, 500, 2_000L), (parts[1].Base, parts[1].RateBps, parts[1].Fee));
        Assert.Equal(10_000, used);
    }

    [Fact]
    public void NewShop_EndsThirtyDaysAfterOpening()
    {
        var (parts, _) = FeeEngine.Compute(Order(days: 31), [new FeeLine(Guid.NewGuid(), Apparel, 10_000)], Rates, [NewShop()], 60, 0);
        Assert.Equal(500, Assert.Single(parts).RateBps);
    }

    [Fact]
    public void PrivateDomain_OnePercent_OnlyAboveTheMinimumScore()
    {
        var program = new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.PrivateDomain, Name = "private", RateBps = 100, StartsAt = Opened, MinShopScoreTenths = 42, Scenes = "Share" };
        var line = new FeeLine(Guid.NewGuid(), Apparel, 10_000);
        Assert.Equal(100, FeeEngine.Compute(Order(Scene.Share, days: 40, score: 43), [line], Rates, [program], 60, 0).Parts[0].RateBps);
        Assert.Equal(500, FeeEngine.Compute(Order(Scene.Share, days: 40, score: 42), [line], Rates, [program], 60, 0).Parts[0].RateBps);
        Assert.Equal(500, FeeEngine.Compute(Order(Scene.Live, days: 40, score: 48), [line], Rates, [program], 60, 0).Parts[0].RateBps);
    }

    [Fact]
    public void CommissionFreeCard_ChargesOnlyTheChannelFee_InEnrolledCategories()
    {
        var card = new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.CommissionFreeCard, Name = "card", RateBps = 0, StartsAt = Opened, Scenes = "Showcase", CategoryIds = Apparel.ToString() };
        var (parts, _) = FeeEngine.Compute(Order(Scene.Showcase, days: 40),
            [new FeeLine(Guid.NewGuid(), Apparel, 10_000), new FeeLine(Guid.NewGuid(), Snacks, 10_000)], Rates, [card], 60, 0);
        var byLine = parts.OrderBy(p => p.RateBps).ToList();
        Assert.Equal(60, byLine[0].RateBps); // never below the non-waivable 0.6% channel fee
        Assert.Equal(60, byLine[0].Fee);
        Assert.Equal(200, byLine[1].RateBps);
    }

    [Fact]
    public void LowestRateWins_AndAProgramThatEnded_DoesNotApply()
    {
        var brand = new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.Brand, Name = "brand", RateBps = 300, StartsAt = Opened };
        var ended = new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.Brand, Name = "old brand", RateBps = 150, StartsAt = Opened, EndsAt = Opened.AddDays(10) };
        var (parts, _) = FeeEngine.Compute(Order(days: 40, kind: ShopKind.Brand), [new FeeLine(Guid.NewGuid(), Apparel, 10_000)], Rates, [brand, ended], 60, 0);
        Assert.Equal(("brand", 300), (parts[0].Program, parts[0].RateBps));
    }

    [Fact]
    public void Fees_RoundHalfUpPerLine()
    {
        // 1,250 × 2% = 25; 1,275 × 2% = 25.5 → 26
        var (parts, _) = FeeEngine.Compute(Order(days: 40),
            [new FeeLine(Guid.NewGuid(), Snacks, 1_250), new FeeLine(Guid.NewGuid(), Snacks, 1_275)], Rates, [], 60, 0);
        Assert.Equal([25L, 26L], parts.OrderBy(p => p.Base).Select(p => p.Fee));
    }
}
