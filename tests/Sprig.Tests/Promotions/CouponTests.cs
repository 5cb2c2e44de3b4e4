using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Promotions;

public sealed class CouponTests
{
    private static object ShopCoupon(Market market, int total = 100, int perBuyer = 1, string kind = "direct", long? amount = 500, long? threshold = null, int? percent = null, int? validDays = null) => new
    {
        kind, amount, threshold, percent, totalQuantity = total, perBuyerLimit = perBuyer, validDays,
        claimFrom = market.Host.Clock.GetUtcNow().AddMinutes(-1), claimTo = market.Host.Clock.GetUtcNow().AddDays(7),
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ThousandClaims_OfAHundred_ExactlyAHundredSucceed(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var couponId = (await merchant.PostAsync($"/api/shops/{shopId}/coupons", ShopCoupon(market))).Expect(HttpStatusCode.Created).Id;
        var buyers = await market.Host.UsersAsync(1000);

        var replies = await Task.WhenAll(buyers.Select(b => b.PostAsync($"/api/coupons/{couponId}/claim")));

        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        Assert.Equal(100, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "coupon_exhausted"));
        Assert.Equal(100, await market.Host.WithDbAsync(db => db.BuyerCoupons.CountAsync()));
        Assert.Equal(0, (await market.Host.Anonymous().GetAsync($"/api/coupons/{couponId}")).Json["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task ThousandClaims_OnTwoHostsOfOnePostgres_ExactlyAHundredSucceed()
    {
        await using var market = await Market.StartAsync("postgres");
        var (merchant, shopId) = await market.OpenShopAsync();
        var couponId = (await merchant.PostAsync($"/api/shops/{shopId}/coupons", ShopCoupon(market))).Expect(HttpStatusCode.Created).Id;
        var buyers = await market.Host.UsersAsync(1000);
        await using var second = new TestHost(market.Host.Database, demo: false);
        var split = buyers.Select((b, i) => i % 2 == 0 ? b : b.On(second)).ToList();

        var replies = await Task.WhenAll(split.Select(b => b.PostAsync($"/api/coupons/{couponId}/claim")));

        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        Assert.Equal(100, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(100, await market.Host.WithDbAsync(db => db.BuyerCoupons.CountAsync()));
    }

    [Fact]
    public async Task OneBuyerRacingItself_NeverPassesThePerBuyerLimit()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var couponId = (await merchant.PostAsync($"/api/shops/{shopId}/coupons", ShopCoupon(market, perBuyer: 2))).Expect(HttpStatusCode.Created).Id;
        var buyer = await market.Host.UserAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => buyer.PostAsync($"/api/coupons/{couponId}/claim")));

        Assert.Equal(2, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "limit_reached"));
        Assert.Equal(2, (await buyer.GetAsync("/api/me/coupons")).Json.AsArray().Count);
        Assert.Equal(2, (await market.Host.Anonymous().GetAsync($"/api/coupons/{couponId}")).Json["claimed"]!.GetValue<int>());
    }

    [Fact]
    public async Task CapsAndBadInput_Are4xx_AndNothingIsWritten()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        async Task Bad(object body) => (await merchant.PostAsync($"/api/shops/{shopId}/coupons", body)).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        await Bad(ShopCoupon(market, amount: 20_001));                                          // a shop's direct cut: at most ¥200
        await Bad(ShopCoupon(market, kind: "threshold", threshold: 10_000, amount: 8_001));      // 满减: at most 80% of the threshold
        await Bad(ShopCoupon(market, kind: "percent", amount: null, percent: 0));
        await Bad(ShopCoupon(market, kind: "percent", amount: null, percent: 120));
        await Bad(ShopCoupon(market, kind: "gift"));
        await Bad(ShopCoupon(market, total: 0));
        await Bad(new { kind = "direct", amount = 100, totalQuantity = 10, perBuyerLimit = 1 }); // no claim window
        (await merchant.PostAsync($"/api/shops/{shopId}/coupons", ShopCoupon(market, kind: "threshold", threshold: 10_000, amount: 8_000))).Expect(HttpStatusCode.Created);

        // platform coupons are the operator's and need a budget
        (await merchant.PostAsync("/api/ops/coupons", ShopCoupon(market))).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await market.Operator.PostAsync("/api/ops/coupons", ShopCoupon(market))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var platform = (await market.Operator.PostAsync("/api/ops/coupons", new
        {
            kind = "threshold", threshold = 5_000, amount = 500, totalQuantity = 1_000, perBuyerLimit = 3, budget = 100_000,
            claimFrom = market.Host.Clock.GetUtcNow(), claimTo = market.Host.Clock.GetUtcNow().AddDays(3),
        })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("platform", platform["funding"]!.GetValue<string>());
        Assert.NotNull(platform["budgetId"]);

        var rival = await market.Host.UserAsync();
        (await rival.PostAsync($"/api/shops/{shopId}/coupons", ShopCoupon(market))).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(2, await market.Host.WithDbAsync(db => db.Coupons.CountAsync()));
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.SubsidyBudgets.CountAsync()));
    }

    [Fact]
    public async Task ClaimWindow_AndValidity_FollowTheClock()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var later = (await merchant.PostAsync($"/api/shops/{shopId}/coupons", new
        {
            kind = "direct", amount = 300, totalQuantity = 10, perBuyerLimit = 1,
            claimFrom = market.Host.Clock.GetUtcNow().AddDays(1), claimTo = market.Host.Clock.GetUtcNow().AddDays(2),
        })).Expect(HttpStatusCode.Created).Id;
        var now = (await merchant.PostAsync($"/api/shops/{shopId}/coupons", ShopCoupon(market, validDays: 3))).Expect(HttpStatusCode.Created).Id;
        var buyer = await market.Host.UserAsync();

        (await buyer.PostAsync($"/api/coupons/{later}/claim")).ExpectProblem(HttpStatusCode.Conflict, "coupon_unavailable");
        Assert.Equal("available", (await buyer.PostAsync($"/api/coupons/{now}/claim")).Expect(HttpStatusCode.Created).Json["state"]!.GetValue<string>());
        await market.AdvanceAsync(3 * 24 + 1);
        Assert.Equal("expired", (await buyer.GetAsync("/api/me/coupons")).Json[0]!["state"]!.GetValue<string>());
    }
}
