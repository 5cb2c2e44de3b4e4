using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Finance;

/// <summary>Every fen from the buyer's payment to the merchant's withdrawal, through the API.</summary>
public sealed class MoneyFlowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PaidShippedReceivedPartlyRefunded_SettlesAfterTheWindow_AndTheStatementShowsEveryLine(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 50));
        var buyer = await market.Host.UserAsync();

        var (orderId, lineId) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0], quantity: 3);
        Assert.Equal((30_000L, 0L), await Market.BalanceAsync(merchant, shopId));

        // a partial refund inside the window: out of the held money
        var sale = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId, type = "refund", amount = 5_000, reason = "少了一件配件" }))
            .Expect(HttpStatusCode.Created).Json;
        Assert.Equal("merchantProcessing", sale["status"]!.GetValue<string>());
        var refunded = (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale["id"]}/approve")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("refunded", refunded["status"]!.GetValue<string>());
        Assert.Equal((25_000L, 0L), await Market.BalanceAsync(merchant, shopId));
        await market.AssertLedgerBalancedAsync();

        // not yet: the window is 7 days after receipt
        Assert.Equal(0, (await market.AdvanceAsync(6 * 24))["ordersSettled"]!.GetValue<int>());
        Assert.Equal(1, (await market.AdvanceAsync(25))["ordersSettled"]!.GetValue<int>());

        // a new shop pays 1% on its first ¥1,000,000: 25,000 × 1% = 250
        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.True(settlement["settled"]!.GetValue<bool>());
        Assert.Equal(250, settlement["fee"]!.GetValue<long>());
        Assert.Equal(100, settlement["feeRateBps"]!.GetValue<int>());
        Assert.StartsWith("新店", settlement["program"]!.GetValue<string>());
        Assert.Equal(24_750, settlement["net"]!.GetValue<long>());
        Assert.Equal((0L, 24_750L), await Market.BalanceAsync(merchant, shopId));

        var statement = (await merchant.GetAsync($"/api/shops/{shopId}/statement?limit=100")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        var kinds = statement.Select(l => (l!["kind"]!.GetValue<string>(), l["account"]!.GetValue<string>(), l["amount"]!.GetValue<long>())).ToList();
        Assert.Contains(("orderPayment", "merchantPending", 30_000L), kinds);
        Assert.Contains(("refund", "merchantPending", -5_000L), kinds);
        Assert.Contains(("settlement", "merchantPending", -25_000L), kinds);
        Assert.Contains(("settlement", "merchantAvailable", 25_000L), kinds);
        Assert.Contains(("fee", "merchantAvailable", -250L), kinds);
        Assert.All(statement, l => Assert.Equal(orderId, l!["orderId"]!.GetValue<string>()));

        // every entry of the order, from its id; and settling again settles nothing
        var ledger = (await market.Operator.GetAsync($"/api/orders/{orderId}/ledger")).Expect(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(5, ledger.Count); // payment, refund, refund payout, settlement, fee
        Assert.Equal(0, (await market.Operator.PostAsync("/api/ops/settlement/run")).Expect(HttpStatusCode.OK).Json["settled"]!.GetValue<int>());
        await market.AssertLedgerBalancedAsync();

        // and the money leaves
        var w = (await merchant.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = 20_000 })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("requested", w["status"]!.GetValue<string>());
        Assert.Equal((0L, 4_750L), await Market.BalanceAsync(merchant, shopId));
        (await market.Operator.PostAsync($"/api/ops/withdrawals/{w["id"]}/pay")).Expect(HttpStatusCode.OK);
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task NewShopProgram_AcrossItsCap_ChargesOnePercentUnderIt_AndTheCategoryRateAbove()
    {
        await using var market = await Market.StartAsync();
        var programs = (await market.Operator.GetAsync("/api/ops/fee-programs")).Expect(HttpStatusCode.OK).Json.AsArray();
        var newShop = programs.Single(p => p!["kind"]!.GetValue<string>() == "newShop")!;
        // a cap of ¥150 makes the crossing easy to reach
        (await market.Operator.PutAsync($"/api/ops/fee-programs/{newShop["id"]}", new { gmvCap = 15_000 })).Expect(HttpStatusCode.OK);

        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 10)); // a 5% category
        var buyer = await market.Host.UserAsync();
        var (first, _) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0]);
        var (second, _) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0]);
        var (third, _) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0]);
        await market.AdvanceAsync(8 * 24);

        async Task<System.Text.Json.Nodes.JsonNode> Settlement(string id) => (await merchant.GetAsync($"/api/orders/{id}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(100, (await Settlement(first))["fee"]!.GetValue<long>());         // 10,000 × 1%
        var crossing = await Settlement(second);                                          // 5,000 × 1% + 5,000 × 5%
        Assert.Equal(50 + 250, crossing["fee"]!.GetValue<long>());
        var parts = crossing["parts"]!.AsArray().Select(p => (p!["base"]!.GetValue<long>(), p["rateBps"]!.GetValue<int>(), p["fee"]!.GetValue<long>())).ToList();
        Assert.Equal([(5_000L, 100, 50L), (5_000L, 500, 250L)], parts);
        Assert.Equal(500, (await Settlement(third))["fee"]!.GetValue<long>());          // all at the category rate
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task FeePrograms_OperatorCreatesChangesAndEnds_MerchantsSeeWhichApplied()
    {
        await using var market = await Market.StartAsync();
        var created = (await market.Operator.PostAsync("/api/ops/fee-programs", new { kind = "brand", name = "品牌计划", rateBps = 150 })).Expect(HttpStatusCode.Created).Json;
        Assert.True(created["active"]!.GetValue<bool>());
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(120, (await market.Operator.PutAsync($"/api/ops/fee-programs/{id}", new { rateBps = 120 })).Expect(HttpStatusCode.OK).Json["rateBps"]!.GetValue<int>());

        (await market.Operator.PostAsync("/api/ops/fee-programs", new { kind = "gold", name = "x", rateBps = 100 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PostAsync("/api/ops/fee-programs", new { kind = "brand", name = "x", rateBps = 900 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PostAsync("/api/ops/fee-programs", new { kind = "privateDomain", name = "x", rateBps = 100, scenes = new[] { "tv" } })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var merchant = await market.Host.UserAsync();
        (await merchant.PostAsync("/api/ops/fee-programs", new { kind = "brand", name = "mine", rateBps = 0 })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");

        // the new-shop program ends: a brand shop's order then gets the brand rate
        var newShop = (await market.Operator.GetAsync("/api/ops/fee-programs")).Json.AsArray().Single(p => p!["kind"]!.GetValue<string>() == "newShop")!;
        Assert.False((await market.Operator.PostAsync($"/api/ops/fee-programs/{newShop["id"]}/end")).Expect(HttpStatusCode.OK).Json["active"]!.GetValue<bool>());
        (await market.Operator.PostAsync($"/api/ops/fee-programs/{newShop["id"]}/end")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");

        var (owner, shopId) = await market.OpenShopAsync(kind: "brand");
        var (_, skus) = await market.ListProductAsync(owner, shopId, (10_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, _) = await Market.ReceivedOrderAsync(buyer, owner, shopId, skus[0]);
        await market.AdvanceAsync(8 * 24);
        var s = (await owner.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(("品牌计划", 120, 120L), (s["program"]!.GetValue<string>(), s["feeRateBps"]!.GetValue<int>(), s["fee"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Withdrawals_CannotOverdraw_HoweverManyRace()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_100, 10));
        var buyer = await market.Host.UserAsync();
        await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0]);
        await market.AdvanceAsync(8 * 24);
        var (_, available) = await Market.BalanceAsync(merchant, shopId);
        Assert.Equal(10_100 - 101, available);

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => merchant.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = 1_000 })));
        Assert.Equal(9, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "insufficient_balance"));
        Assert.Equal(999, (await Market.BalanceAsync(merchant, shopId)).Available);

        // a failed payout goes back to the balance
        var one = replies.First(r => r.Status == HttpStatusCode.Created).Id;
        (await market.Operator.PostAsync($"/api/ops/withdrawals/{one}/fail", new { reason = "银行卡已注销" })).Expect(HttpStatusCode.OK);
        Assert.Equal(1_999, (await Market.BalanceAsync(merchant, shopId)).Available);
        (await market.Operator.PostAsync($"/api/ops/withdrawals/{one}/pay")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        await market.AssertLedgerBalancedAsync();

        (await merchant.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = -5 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = 2_000 })).ExpectProblem(HttpStatusCode.Conflict, "insufficient_balance");
        var rival = await market.Host.UserAsync();
        (await rival.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = 1 })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await rival.GetAsync($"/api/shops/{shopId}/balance")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(9, await market.Host.WithDbAsync(db => db.Withdrawals.CountAsync()));
    }
}
