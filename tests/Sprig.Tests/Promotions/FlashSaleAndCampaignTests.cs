using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Promotions;

public sealed class FlashSaleAndCampaignTests
{
    [Fact]
    public async Task AFlashSale_SellsAtItsPriceOnlyInsideItsWindow_AndWhileNotPaused()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100));
        var saleId = await Promos.FlashSaleAsync(market, merchant, shopId, skus[0], price: 6_600, quota: 10, perBuyer: 5, startsInHours: 1, hours: 2);
        var buyer = await market.Host.UserAsync();
        async Task<long> UnitPrice() =>
            (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).Expect(HttpStatusCode.Created).Json["lines"]![0]!["unitPrice"]!.GetValue<long>();

        Assert.Equal(10_000, await UnitPrice());   // not started
        await market.AdvanceAsync(1.5);
        var shown = (await market.Host.Anonymous().GetAsync($"/api/products/{productId}/promotions")).Expect(HttpStatusCode.OK).Json["flashSales"]![0]!;
        Assert.True(shown["on"]!.GetValue<bool>());
        Assert.Equal(6_600, await UnitPrice());
        (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales/{saleId}/pause")).Expect(HttpStatusCode.OK);
        Assert.Equal(10_000, await UnitPrice());
        (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales/{saleId}/resume")).Expect(HttpStatusCode.OK);
        Assert.Equal(6_600, await UnitPrice());
        // the quota can be lowered, not below what is sold; the price cannot change while the sale runs
        (await merchant.PatchAsync($"/api/shops/{shopId}/flash-sales/{saleId}", new { quota = 1 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PatchAsync($"/api/shops/{shopId}/flash-sales/{saleId}", new { price = 5_000 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(3, (await merchant.PatchAsync($"/api/shops/{shopId}/flash-sales/{saleId}", new { quota = 3 })).Expect(HttpStatusCode.OK).Json["quota"]!.GetValue<int>());
        Assert.Equal(6_600, await UnitPrice());
        Assert.Equal(10_000, await UnitPrice());   // quota gone: its own price again
        await market.AdvanceAsync(1);
        (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales/{saleId}/end")).Expect(HttpStatusCode.OK);
        Assert.Equal(10_000, await UnitPrice());

        var report = (await merchant.GetAsync($"/api/shops/{shopId}/promotions/report")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        var row = report.Single(r => r!["id"]!.GetValue<string>() == saleId)!;
        Assert.Equal(0, row["units"]!.GetValue<int>()); // nothing was paid for
    }

    [Fact]
    public async Task TheTimers_MarkPastFlashSalesCampaignsAndCouponsEnded()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100));
        var saleId = await Promos.FlashSaleAsync(market, merchant, shopId, skus[0], price: 5_000, quota: 10, perBuyer: 1, startsInHours: 0, hours: 2);
        var couponId = await Promos.ShopCouponAsync(market, merchant, shopId); // claim window 7 days, nobody claims it
        var now = market.Host.Clock.GetUtcNow();
        var campaignId = (await market.Operator.PostAsync("/api/ops/campaigns", new { name = "周末", startsAt = now, endsAt = now.AddDays(2), subsidyBps = 0, budget = 0 }))
            .Expect(HttpStatusCode.Created).Id;

        Assert.Equal(1, (await market.AdvanceAsync(3))["promotionsEnded"]!.GetValue<int>());
        Assert.Equal("ended", (await merchant.GetAsync($"/api/shops/{shopId}/flash-sales")).Json["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(2, (await market.AdvanceAsync(8 * 24))["promotionsEnded"]!.GetValue<int>());
        Assert.Equal("ended", (await market.Host.Anonymous().GetAsync($"/api/campaigns/{campaignId}")).Json["status"]!.GetValue<string>());
        Assert.Equal("ended", (await market.Host.Anonymous().GetAsync($"/api/coupons/{couponId}")).Json["status"]!.GetValue<string>());
        Assert.Equal(saleId, (await merchant.GetAsync($"/api/shops/{shopId}/flash-sales")).Json["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlashSaleBadInput_Is4xx_AndNothingIsWritten()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100));
        var (otherMerchant, otherShop) = await market.OpenShopAsync();
        var now = market.Host.Clock.GetUtcNow();
        object Sale(long price = 5_000, int quota = 10, int perBuyer = 1, double from = 0, double to = 2, string? sku = null) =>
            new { skuId = sku ?? skus[0], price, quota, perBuyerLimit = perBuyer, startsAt = now.AddHours(from), endsAt = now.AddHours(to) };
        async Task Bad(object body, HttpStatusCode status = HttpStatusCode.BadRequest, string code = "validation_failed") =>
            (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales", body)).ExpectProblem(status, code);

        await Bad(Sale(price: 10_000));   // not below the SKU's price
        await Bad(Sale(price: 0));
        await Bad(Sale(quota: 0));
        await Bad(Sale(perBuyer: 0));
        await Bad(Sale(from: 2, to: 1));
        await Bad(Sale(from: 0, to: 24 * 40));
        await Bad(Sale(sku: Guid.NewGuid().ToString()), HttpStatusCode.NotFound, "not_found");
        (await otherMerchant.PostAsync($"/api/shops/{otherShop}/flash-sales", Sale())).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await otherMerchant.PostAsync($"/api/shops/{shopId}/flash-sales", Sale())).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty((await merchant.GetAsync($"/api/shops/{shopId}/flash-sales")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray());

        (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales", Sale())).Expect(HttpStatusCode.Created);
        await Bad(Sale(from: 1, to: 3), HttpStatusCode.Conflict, "flash_sale_overlap");
        (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales", Sale(from: 2, to: 3))).Expect(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACampaign_SellsApprovedSkusAtTheCampaignPrice_WithThePlatformsShare_UnderThePriceFloor(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100), (20_000, 100));
        var now = market.Host.Clock.GetUtcNow();
        var campaign = (await market.Operator.PostAsync("/api/ops/campaigns", new
        {
            name = "双11", startsAt = now.AddDays(1), endsAt = now.AddDays(30), subsidyBps = 1_000, budget = 1_000_000,
        })).Expect(HttpStatusCode.Created).Json;
        var campaignId = campaign["id"]!.GetValue<string>();
        var budgetId = campaign["budgetId"]!.GetValue<string>();

        // someone paid 9,000 for the first SKU last week (a shop coupon of 1,000): the floor is 9,000
        var buyer = await market.Host.UserAsync();
        var coupon = await Promos.ClaimAsync(buyer, await Promos.ShopCouponAsync(market, merchant, shopId, amount: 1_000));
        var early = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 1, coupon))).Expect(HttpStatusCode.Created).Json;
        (await buyer.PostAsync($"/api/orders/{early["id"]}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);

        var enrol = $"/api/shops/{shopId}/campaigns/{campaignId}/entries";
        var tooHigh = (await merchant.PostAsync(enrol, new { skuId = skus[0], price = 9_500 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("lowest price paid", tooHigh.Text);
        (await merchant.PostAsync(enrol, new { skuId = skus[1], price = 20_000 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var entry = (await merchant.PostAsync(enrol, new { skuId = skus[0], price = 8_000 })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(9_000, entry["floor"]!.GetValue<long>());
        (await merchant.PostAsync(enrol, new { skuId = skus[0], price = 7_000 })).ExpectProblem(HttpStatusCode.Conflict, "already_enrolled");
        var other = (await merchant.PostAsync(enrol, new { skuId = skus[1], price = 15_000 })).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/ops/campaign-entries/{entry["id"]}/approve")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await market.Operator.PostAsync($"/api/ops/campaign-entries/{entry["id"]}/approve")).Expect(HttpStatusCode.OK);
        (await market.Operator.PostAsync($"/api/ops/campaign-entries/{other}/reject", new { reason = "价格力不足" })).Expect(HttpStatusCode.OK);

        // before the campaign: own price; during it: 8,000, of which the platform pays 10%
        Assert.Equal(10_000, (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).Expect(HttpStatusCode.Created).Json["paid"]!.GetValue<long>());
        await market.AdvanceAsync(25);
        var order = (await buyer.PostAsync("/api/orders", Promos.Order(skus[0], 2))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal((16_000L, 1_600L, 14_400L), (order["original"]!.GetValue<long>(), order["platformDiscount"]!.GetValue<long>(), order["paid"]!.GetValue<long>()));
        Assert.Equal(campaignId, order["lines"]![0]!["campaignId"]!.GetValue<string>());
        Assert.Equal(20_000, (await buyer.PostAsync("/api/orders", Promos.Order(skus[1]))).Expect(HttpStatusCode.Created).Json["paid"]!.GetValue<long>()); // rejected
        Assert.Equal(1_600, await Promos.BudgetDrawnAsync(market, budgetId));

        var orderId = order["id"]!.GetValue<string>();
        (await buyer.PostAsync($"/api/orders/{orderId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "顺丰", trackingNumber = "SF3" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{orderId}/confirm-receipt")).Expect(HttpStatusCode.OK);
        await market.AdvanceAsync(8 * 24);
        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(1_600, settlement["subsidy"]!.GetValue<long>());
        Assert.Equal(16_000 - settlement["fee"]!.GetValue<long>(), settlement["net"]!.GetValue<long>());
        await market.AssertLedgerBalancedAsync();

        var report = (await market.Operator.GetAsync("/api/ops/promotions/report")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        var row = report.Single(r => r!["id"]!.GetValue<string>() == campaignId)!;
        Assert.Equal((2, 14_400L, 1_600L), (row["units"]!.GetValue<int>(), row["gmv"]!.GetValue<long>(), row["cost"]!.GetValue<long>()));

        // the budget is a hard cap for campaigns too; the operator can top it up, pause and end the campaign
        (await market.Operator.PostAsync($"/api/ops/campaigns/{campaignId}/pause")).Expect(HttpStatusCode.OK);
        Assert.Equal(10_000, (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).Expect(HttpStatusCode.Created).Json["paid"]!.GetValue<long>());
        (await market.Operator.PostAsync($"/api/ops/campaigns/{campaignId}/end")).Expect(HttpStatusCode.OK);
        (await market.Operator.PostAsync($"/api/ops/campaigns/{campaignId}/resume")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task CampaignBudget_WhenSpent_RefusesTheCheckout()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 100));
        var now = market.Host.Clock.GetUtcNow();
        var campaignId = (await market.Operator.PostAsync("/api/ops/campaigns", new
        {
            name = "618", startsAt = now.AddMinutes(-1), endsAt = now.AddDays(3), subsidyBps = 5_000, budget = 5_000,
        })).Expect(HttpStatusCode.Created).Id;
        var entry = (await merchant.PostAsync($"/api/shops/{shopId}/campaigns/{campaignId}/entries", new { skuId = skus[0], price = 6_000 })).Expect(HttpStatusCode.Created).Id;
        (await market.Operator.PostAsync($"/api/ops/campaign-entries/{entry}/approve")).Expect(HttpStatusCode.OK);
        var buyer = await market.Host.UserAsync();

        Assert.Equal(3_000, (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).Expect(HttpStatusCode.Created).Json["paid"]!.GetValue<long>());
        (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).ExpectProblem(HttpStatusCode.Conflict, "budget_exhausted");
        (await market.Operator.PatchAsync($"/api/ops/campaigns/{campaignId}", new { budgetTopUp = 3_000 })).Expect(HttpStatusCode.OK);
        Assert.Equal(3_000, (await buyer.PostAsync("/api/orders", Promos.Order(skus[0]))).Expect(HttpStatusCode.Created).Json["paid"]!.GetValue<long>());
        (await market.Operator.PostAsync("/api/ops/campaigns", new { name = "", startsAt = now, endsAt = now.AddDays(-1), subsidyBps = 9_000, budget = -1 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
