using System.Net;
using Sprig.Accounts;
using Sprig.Finance;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Finance;

/// <summary>优选联盟: plans, creators, commission orders, and the commission in the settlement and the ledger.</summary>
public sealed class AffiliateTests
{
    private static object OrderBy(string skuId, Api creator, int quantity = 1) =>
        new { items = new[] { new { skuId, quantity } }, address = Market.Address, scene = "shortVideo", creatorId = creator.UserId, contentId = "video-1" };

    private static async Task<string> PlaceReceivedAsync(Api buyer, Api merchant, string shopId, object body)
    {
        var id = (await buyer.PostAsync("/api/orders", body)).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "SF", trackingNumber = "1" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{id}/confirm-receipt")).Expect(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task CreatorsOrder_EarnsCommission_WithTheAgencysShare_AndTheMerchantNetsTheRest()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (20_000, 100));
        var creator = await market.Host.UserAsync(Role.Creator);
        var agency = await market.Host.UserAsync();
        var buyer = await market.Host.UserAsync();

        var plan = (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "open", rateBps = 2_000 })).Expect(HttpStatusCode.Created).Json;
        (await creator.PostAsync($"/api/affiliate/plans/{plan["id"]}/join", new { agencyId = agency.UserId, agencyRateBps = 1_000 })).Expect(HttpStatusCode.OK);

        var orderId = await PlaceReceivedAsync(buyer, merchant, shopId, OrderBy(skus[0], creator));
        var commissions = (await creator.GetAsync("/api/me/commissions")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal("unsettled", Assert.Single(commissions)!["status"]!.GetValue<string>());
        Assert.Equal(2_000, commissions[0]!["rateBps"]!.GetValue<int>());

        await market.AdvanceAsync(8 * 24);
        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Json;
        Assert.Equal(4_000, settlement["commission"]!.GetValue<long>());                  // 20% of 20,000
        Assert.Equal(20_000 - 200 - 4_000, settlement["net"]!.GetValue<long>());           // less the 1% new-shop fee
        Assert.Equal(20_000 - 200 - 4_000, (await Market.BalanceAsync(merchant, shopId)).Available);
        var settled = (await creator.GetAsync("/api/me/commissions")).Json["items"]![0]!;
        Assert.Equal(("settled", 4_000L, 400L), (settled["status"]!.GetValue<string>(), settled["commission"]!.GetValue<long>(), settled["agencyShare"]!.GetValue<long>()));
        Assert.Single((await agency.GetAsync("/api/me/commissions")).Json["items"]!.AsArray());
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task PartialRefund_ReducesCommissionProRata_FullRefundAndCancelCancelIt()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100));
        var creator = await market.Host.UserAsync(Role.Creator);
        var buyer = await market.Host.UserAsync();
        var plan = (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "open", rateBps = 1_000 })).Expect(HttpStatusCode.Created).Json;
        (await creator.PostAsync($"/api/affiliate/plans/{plan["id"]}/join", new { })).Expect(HttpStatusCode.OK);

        var partly = await PlaceReceivedAsync(buyer, merchant, shopId, OrderBy(skus[0], creator));
        var line = (await buyer.GetAsync($"/api/orders/{partly}")).Json["lines"]![0]!["id"]!.GetValue<string>();
        var sale = (await buyer.PostAsync($"/api/orders/{partly}/after-sales", new { lineId = line, type = "refund", amount = 4_000, reason = "差价" })).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale}/approve")).Expect(HttpStatusCode.OK);

        var unpaid = (await buyer.PostAsync("/api/orders", OrderBy(skus[0], creator))).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{unpaid}/cancel")).Expect(HttpStatusCode.OK);

        var (full, fullLine) = await Market.PaidOrderAsync(buyer, skus[0]);
        _ = full;
        var attributed = (await buyer.PostAsync("/api/orders", OrderBy(skus[0], creator))).Expect(HttpStatusCode.Created).Json;
        var attributedId = attributed["id"]!.GetValue<string>();
        (await buyer.PostAsync($"/api/orders/{attributedId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        var refundAll = (await buyer.PostAsync($"/api/orders/{attributedId}/after-sales", new { lineId = attributed["lines"]![0]!["id"]!.GetValue<string>(), type = "refund", reason = "不要了" })).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{refundAll}/approve")).Expect(HttpStatusCode.OK);
        _ = fullLine;

        await market.AdvanceAsync(8 * 24);
        var byOrder = (await creator.GetAsync("/api/me/commissions")).Json["items"]!.AsArray()
            .ToDictionary(c => c!["orderId"]!.GetValue<string>(), c => (c!["status"]!.GetValue<string>(), c["commission"]!.GetValue<long>()));
        Assert.Equal(("settled", 600L), byOrder[partly]);       // 10% of the 6,000 left
        Assert.Equal("cancelled", byOrder[unpaid].Item1);
        Assert.Equal("cancelled", byOrder[attributedId].Item1);
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public void RateCut_ReachesCreatorsAlreadyPromoting_OnlyAfterThirtyDays_RaisesAtOnce()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var plan = AffiliatePlan.Create(Guid.NewGuid(), Guid.NewGuid(), AffiliatePlanKind.Open, 2_000, [], t0);
        var early = t0.AddDays(1);
        plan.ChangeRate(1_000, t0.AddDays(2));
        Assert.Equal(2_000, plan.RateFor(early, t0.AddDays(3)));        // joined before the cut: protected
        Assert.Equal(1_000, plan.RateFor(t0.AddDays(3), t0.AddDays(3))); // joined after: the new rate
        Assert.Equal(1_000, plan.RateFor(early, t0.AddDays(33)));        // 30 days later the cut reaches everyone
        plan.ChangeRate(2_500, t0.AddDays(4));
        Assert.Equal(2_500, plan.RateFor(early, t0.AddDays(5)));         // a raise applies at once
        Assert.Throws<Sprig.Kernel.SprigException>(() => plan.ChangeRate(9_001, t0));
    }

    [Fact]
    public async Task PlanKinds_TargetedNeedsOpen_ExclusiveExcludesTheOthers_AndOnlyNamedCreatorsJoin()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, _) = await market.ListProductAsync(merchant, shopId);
        var star = await market.Host.UserAsync(Role.Creator);
        var other = await market.Host.UserAsync(Role.Creator);
        var notCreator = await market.Host.UserAsync();

        (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "targeted", rateBps = 3_000, creatorIds = new[] { star.UserId } }))
            .ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        var open = (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "open", rateBps = 1_000 })).Expect(HttpStatusCode.Created).Json;
        var targeted = (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "targeted", rateBps = 3_000, creatorIds = new[] { star.UserId } }))
            .Expect(HttpStatusCode.Created).Json;
        (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "exclusive", rateBps = 5_000, creatorIds = new[] { star.UserId } }))
            .ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "open", rateBps = 9_500 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        (await other.PostAsync($"/api/affiliate/plans/{targeted["id"]}/join", new { })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await notCreator.PostAsync($"/api/affiliate/plans/{open["id"]}/join", new { })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await star.PostAsync($"/api/affiliate/plans/{targeted["id"]}/join", new { agencyRateBps = 9_500 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await star.PostAsync($"/api/affiliate/plans/{targeted["id"]}/join", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await star.GetAsync($"/api/affiliate/plans?productId={productId}")).Json.AsArray().Count);
        Assert.Single((await other.GetAsync($"/api/affiliate/plans?productId={productId}")).Json.AsArray());

        // with both plans ended, an exclusive one may start
        (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans/{open["id"]}/end")).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans/{targeted["id"]}/end")).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "exclusive", rateBps = 5_000, creatorIds = new[] { star.UserId } }))
            .Expect(HttpStatusCode.Created);
    }
}
