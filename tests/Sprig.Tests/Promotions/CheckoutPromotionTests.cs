using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Kernel;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Promotions;

/// <summary>Coupons at checkout: the discounts on the order, the subsidy in the ledger, and what cancels and refunds give back.</summary>
public sealed class CheckoutPromotionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ShopThenPlatformCoupon_DiscountTheOrder_AndTheMerchantIsCreditedThePreSubsidyPrice(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (6_000, 10));
        var shopCoupon = await Promos.ShopCouponAsync(market, merchant, shopId, amount: 1_000);
        var (platformCoupon, budgetId) = await Promos.PlatformCouponAsync(market, budget: 100_000, threshold: 5_000, amount: 500);
        var buyer = await market.Host.UserAsync();
        var mine = new[] { await Promos.ClaimAsync(buyer, shopCoupon), await Promos.ClaimAsync(buyer, platformCoupon) };

        // the cart suggests the best combination before the buyer picks
        var quote = (await buyer.PostAsync("/api/orders/quote", new { items = new[] { new { skuId = skus[0], quantity = 1 } } })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(6_000, quote["paid"]!.GetValue<long>());
        Assert.Equal(4_500, quote["best"]!["paid"]!.GetValue<long>());
        Assert.Equal(mine.Order(), quote["best"]!["couponIds"]!.AsArray().Select(x => x!.GetValue<string>()).Order());

        // ¥60 → shop ¥10 off → ¥50 meets the platform's "¥5 off ¥50" → ¥45
        var order = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, mine))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal((6_000L, 1_000L, 500L, 4_500L), (order["original"]!.GetValue<long>(), order["shopDiscount"]!.GetValue<long>(),
            order["platformDiscount"]!.GetValue<long>(), order["paid"]!.GetValue<long>()));
        Assert.Equal(4_500, order["lines"]![0]!["paid"]!.GetValue<long>());
        Assert.Equal(500, await Promos.BudgetDrawnAsync(market, budgetId));
        var orderId = order["id"]!.GetValue<string>();
        Assert.All((await buyer.GetAsync("/api/me/coupons")).Json.AsArray(), c => Assert.Equal("used", c!["state"]!.GetValue<string>()));

        (await buyer.PostAsync($"/api/orders/{orderId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        Assert.Equal((5_000L, 0L), await Market.BalanceAsync(merchant, shopId)); // held: what the buyer paid plus the subsidy
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "顺丰", trackingNumber = "SF1" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{orderId}/confirm-receipt")).Expect(HttpStatusCode.OK);
        await market.AdvanceAsync(8 * 24);

        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.True(settlement["settled"]!.GetValue<bool>());
        Assert.Equal(500, settlement["subsidy"]!.GetValue<long>());
        var fee = settlement["fee"]!.GetValue<long>();
        Assert.Equal(5_000 - fee, settlement["net"]!.GetValue<long>());
        Assert.Equal((0L, 5_000 - fee), await Market.BalanceAsync(merchant, shopId));
        await market.AssertLedgerBalancedAsync();

        var statement = (await merchant.GetAsync($"/api/shops/{shopId}/statement")).Expect(HttpStatusCode.OK).Json.ToJsonString();
        Assert.Contains("subsidy", statement, StringComparison.OrdinalIgnoreCase);
        var report = (await market.Operator.GetAsync("/api/ops/promotions/report")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        var row = report.Single(r => r!["id"]!.GetValue<string>() == platformCoupon)!;
        Assert.Equal((1, 4_500L, 500L), (row["orders"]!.GetValue<int>(), row["gmv"]!.GetValue<long>(), row["cost"]!.GetValue<long>()));
        var shopRow = (await merchant.GetAsync($"/api/shops/{shopId}/promotions/report")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == shopCoupon)!;
        Assert.Equal(1_000, shopRow["cost"]!.GetValue<long>());
    }

    [Fact]
    public async Task Cancel_GivesBackCouponsBudgetAndFlashQuota()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 10));
        var saleId = await Promos.FlashSaleAsync(market, merchant, shopId, skus[0], price: 8_000, quota: 5, perBuyer: 1);
        var (platformCoupon, budgetId) = await Promos.PlatformCouponAsync(market, budget: 10_000, kind: "direct", amount: 1_000, threshold: null);
        var buyer = await market.Host.UserAsync();
        var mine = await Promos.ClaimAsync(buyer, platformCoupon);

        var order = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, mine))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal((8_000L, 7_000L), (order["lines"]![0]!["unitPrice"]!.GetValue<long>(), order["paid"]!.GetValue<long>()));
        Assert.Equal(saleId, order["lines"]![0]!["flashSaleId"]!.GetValue<string>());
        Assert.Equal(1_000, await Promos.BudgetDrawnAsync(market, budgetId));
        // the per-buyer limit counts the unpaid order
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).ExpectProblem(HttpStatusCode.Conflict, "limit_reached");

        (await buyer.PostAsync($"/api/orders/{order["id"]!.GetValue<string>()}/cancel")).Expect(HttpStatusCode.OK);

        Assert.Equal(0, await Promos.BudgetDrawnAsync(market, budgetId));
        Assert.Equal("available", (await buyer.GetAsync("/api/me/coupons")).Json[0]!["state"]!.GetValue<string>());
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FlashSales.Select(f => f.Sold).SingleAsync()));
        // the same coupon and the flash price again
        var again = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, mine))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(7_000, again["paid"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refund_ReturnsTheSubsidyOfTheRefundedPart_AndAfterSettlementClawsItBack(bool afterSettlement)
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (5_000, 10));
        var (platformCoupon, budgetId) = await Promos.PlatformCouponAsync(market, budget: 10_000, kind: "direct", amount: 1_000, threshold: null);
        var buyer = await market.Host.UserAsync();
        var mine = await Promos.ClaimAsync(buyer, platformCoupon);
        var order = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 2, mine))).Expect(HttpStatusCode.Created).Json;
        var orderId = order["id"]!.GetValue<string>();
        var lineId = order["lines"]![0]!["id"]!.GetValue<string>();
        (await buyer.PostAsync($"/api/orders/{orderId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "顺丰", trackingNumber = "SF2" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{orderId}/confirm-receipt")).Expect(HttpStatusCode.OK);
        if (afterSettlement) await market.AdvanceAsync(6 * 24);

        // the buyer paid 9,000 for two; a refund of 4,500 is half of it, so half the 1,000 subsidy goes back
        var sale = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId, type = "refund", amount = 4_500, reason = "一件有划痕" }))
            .Expect(HttpStatusCode.Created).Id;
        if (afterSettlement)
        {
            // rejected, the order settles; the buyer escalates and the operator grants the refund after settlement
            (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale}/reject", new { reason = "划痕不影响使用" })).Expect(HttpStatusCode.OK);
            Assert.Equal(1, (await market.AdvanceAsync(25))["ordersSettled"]!.GetValue<int>());
            (await buyer.PostAsync($"/api/after-sales/{sale}/escalate")).Expect(HttpStatusCode.OK);
            (await market.Operator.PostAsync($"/api/ops/after-sales/{sale}/arbitrate", new { decision = "refund", note = "有划痕" })).Expect(HttpStatusCode.OK);
        }
        else
        {
            (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale}/approve")).Expect(HttpStatusCode.OK);
        }

        Assert.Equal(500, await Promos.BudgetDrawnAsync(market, budgetId));
        await market.AssertLedgerBalancedAsync();
        if (!afterSettlement) await market.AdvanceAsync(8 * 24);
        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(500, settlement["subsidy"]!.GetValue<long>());
        var ledger = (await merchant.GetAsync($"/api/orders/{orderId}/ledger")).Expect(HttpStatusCode.OK).Json.ToJsonString();
        Assert.Equal(afterSettlement, ledger.Contains("subsidyClawback", StringComparison.OrdinalIgnoreCase));
        // whichever the order, the merchant ends with the same: 4,500 paid + 500 subsidy, less the fee on 5,000
        var (_, available) = await Market.BalanceAsync(merchant, shopId);
        Assert.Equal(5_000 - Allocation.ApplyBps(5_000, settlement["feeRateBps"]!.GetValue<int>()), available);
        await market.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACampaignLineWithAPlatformCoupon_DrawsOnBothBudgets_AndRefundsGiveTheCampaignsPartBackFirst(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100));
        var now = market.Host.Clock.GetUtcNow();
        var campaign = (await market.Operator.PostAsync("/api/ops/campaigns", new
        {
            name = "618", startsAt = now.AddHours(1), endsAt = now.AddDays(30), subsidyBps = 1_000, budget = 1_000_000,
        })).Expect(HttpStatusCode.Created).Json;
        var (campaignId, campaignBudget) = (campaign["id"]!.GetValue<string>(), campaign["budgetId"]!.GetValue<string>());
        var entry = (await merchant.PostAsync($"/api/shops/{shopId}/campaigns/{campaignId}/entries", new { skuId = skus[0], price = 8_000 })).Expect(HttpStatusCode.Created).Id;
        (await market.Operator.PostAsync($"/api/ops/campaign-entries/{entry}/approve")).Expect(HttpStatusCode.OK);
        var (coupon, couponBudget) = await Promos.PlatformCouponAsync(market, budget: 10_000, kind: "direct", amount: 1_000, threshold: null);
        var buyer = await market.Host.UserAsync();
        var canceller = await market.Host.UserAsync();
        var (mine, theirs) = (await Promos.ClaimAsync(buyer, coupon), await Promos.ClaimAsync(canceller, coupon));
        await market.AdvanceAsync(2);

        // two at the campaign's 8,000: the platform pays 10% of 16,000 from the campaign's budget and 1,000 from the coupon's
        var order = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 2, mine))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal((16_000L, 2_600L, 13_400L), (order["original"]!.GetValue<long>(), order["platformDiscount"]!.GetValue<long>(), order["paid"]!.GetValue<long>()));
        var cancelled = (await canceller.PostAsync("/api/orders", Promos.Order(skus[0], 1, theirs))).Expect(HttpStatusCode.Created).Id;
        Assert.Equal((1_600L + 800, 2_000L), (await Promos.BudgetDrawnAsync(market, campaignBudget), await Promos.BudgetDrawnAsync(market, couponBudget)));
        // a cancel gives both budgets back their whole part
        (await canceller.PostAsync($"/api/orders/{cancelled}/cancel")).Expect(HttpStatusCode.OK);
        Assert.Equal((1_600L, 1_000L), (await Promos.BudgetDrawnAsync(market, campaignBudget), await Promos.BudgetDrawnAsync(market, couponBudget)));

        var orderId = order["id"]!.GetValue<string>();
        var lineId = order["lines"]![0]!["id"]!.GetValue<string>();
        (await buyer.PostAsync($"/api/orders/{orderId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "顺丰", trackingNumber = "SF9" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{orderId}/confirm-receipt")).Expect(HttpStatusCode.OK);
        async Task RefundAsync(long amount)
        {
            var sale = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId, type = "refund", amount, reason = "少发一件" }))
                .Expect(HttpStatusCode.Created).Id;
            (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale}/approve")).Expect(HttpStatusCode.OK);
        }
        async Task<(long Campaign, long Coupon)> CostsAsync()
        {
            var items = (await market.Operator.GetAsync("/api/ops/promotions/report")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
            long Cost(string id) => items.Single(r => r!["id"]!.GetValue<string>() == id)!["cost"]!.GetValue<long>();
            return (Cost(campaignId), Cost(coupon));
        }
        Assert.Equal((1_600L, 1_000L), await CostsAsync());

        // half of what the buyer paid: half the 2,600 subsidy goes back, all of it to the campaign's budget first
        await RefundAsync(6_700);
        Assert.Equal((300L, 1_000L), (await Promos.BudgetDrawnAsync(market, campaignBudget), await Promos.BudgetDrawnAsync(market, couponBudget)));
        Assert.Equal((300L, 1_000L), await CostsAsync());
        // the rest: the campaign's last 300, then the coupon's 1,000
        await RefundAsync(6_700);
        Assert.Equal((0L, 0L), (await Promos.BudgetDrawnAsync(market, campaignBudget), await Promos.BudgetDrawnAsync(market, couponBudget)));
        Assert.Equal((0L, 0L), await CostsAsync());
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task BadCoupons_Are4xx_AndNothingIsWritten()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (6_000, 10));
        var (otherMerchant, otherShop) = await market.OpenShopAsync();
        var buyer = await market.Host.UserAsync();
        var other = await market.Host.UserAsync();

        var otherShopsCoupon = await Promos.ClaimAsync(buyer, await Promos.ShopCouponAsync(market, otherMerchant, otherShop));
        var shopA = await Promos.ClaimAsync(buyer, await Promos.ShopCouponAsync(market, merchant, shopId));
        var shopB = await Promos.ClaimAsync(buyer, await Promos.ShopCouponAsync(market, merchant, shopId, amount: 200));
        var tooHigh = await Promos.ClaimAsync(buyer, await Promos.ShopCouponAsync(market, merchant, shopId, kind: "threshold", threshold: 10_000, amount: 1_000));
        var someoneElses = await Promos.ClaimAsync(other, await Promos.ShopCouponAsync(market, merchant, shopId, amount: 300));
        var shortLived = await Promos.ClaimAsync(buyer, await Promos.ShopCouponAsync(market, merchant, shopId, amount: 400, validDays: 1));

        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, otherShopsCoupon))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "coupon_not_applicable");
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, shopA, shopB))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, tooHigh))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "coupon_not_applicable");
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, someoneElses))).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, Guid.NewGuid().ToString()))).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, shopA, shopB, tooHigh))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        await market.AdvanceAsync(25);
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, shortLived))).ExpectProblem(HttpStatusCode.Conflict, "coupon_expired");

        Assert.Equal(0, await market.Host.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.Orders.CountAsync(o => o.ShopBuyerCouponId != null)));
        Assert.Equal(10, await market.StockAsync(productId, skus[0]));

        // a used coupon cannot be used twice, even by two racing checkouts
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, shopA))));
        Assert.Equal(1, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "coupon_used"));
        // a paused coupon cannot be used
        var paused = await Promos.ShopCouponAsync(market, merchant, shopId, amount: 100);
        var pausedCopy = await Promos.ClaimAsync(buyer, paused);
        (await merchant.PostAsync($"/api/shops/{shopId}/coupons/{paused}/pause")).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, pausedCopy))).ExpectProblem(HttpStatusCode.Conflict, "coupon_unavailable");
        (await buyer.PostAsync($"/api/coupons/{paused}/claim")).ExpectProblem(HttpStatusCode.Conflict, "coupon_unavailable");
        (await merchant.PostAsync($"/api/shops/{shopId}/coupons/{paused}/resume")).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, pausedCopy))).Expect(HttpStatusCode.Created);
        (await merchant.PostAsync($"/api/shops/{shopId}/coupons/{paused}/end")).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/coupons/{paused}/resume")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task ProductCoupon_AppliesOnlyToItsProducts()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (mug, mugSkus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var (_, teaSkus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var coupon = await Promos.ShopCouponAsync(market, merchant, shopId, amount: 500, productIds: [mug]);
        var buyer = await market.Host.UserAsync();
        var mine = await Promos.ClaimAsync(buyer, coupon);

        (await buyer.PostAsync("/api/orders", Promos.Order(teaSkus[0], 1, mine))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "coupon_not_applicable");
        var order = (await buyer.PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = mugSkus[0], quantity = 1 }, new { skuId = teaSkus[0], quantity = 1 } }, address = Market.Address, couponIds = new[] { mine },
        })).Expect(HttpStatusCode.Created).Json;
        var lines = order["lines"]!.AsArray();
        Assert.Equal(500, lines.Single(l => l!["skuId"]!.GetValue<string>() == mugSkus[0])!["shopDiscount"]!.GetValue<long>());
        Assert.Equal(0, lines.Single(l => l!["skuId"]!.GetValue<string>() == teaSkus[0])!["shopDiscount"]!.GetValue<long>());

        // a coupon for another shop's product is refused when it is made
        var (_, otherShop) = await market.OpenShopAsync();
        (await merchant.PostAsync($"/api/shops/{shopId}/coupons", new
        {
            kind = "direct", amount = 100, totalQuantity = 5, perBuyerLimit = 1, productIds = new[] { otherShop },
            claimFrom = market.Host.Clock.GetUtcNow(), claimTo = market.Host.Clock.GetUtcNow().AddDays(1),
        })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
