using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Ordering;

/// <summary>After-sales (售后) with the flow, limits and timeouts of DOMAIN.md.</summary>
public sealed class AfterSaleTests
{
    private static object Refund(string lineId, long? amount = null, string type = "refund") => new { lineId, type, amount, reason = "质量问题" };

    [Fact]
    public async Task RefundBeforeShipment_ReturnsStock_AndAFullRefundClosesTheOrder()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.PaidOrderAsync(buyer, skus[0], 2);
        Assert.Equal(8, await market.StockAsync(productId, skus[0]));

        // return-and-refund needs a shipment first
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, type: "returnRefund"))).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        var sale = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(6_000, sale["amount"]!.GetValue<long>()); // the whole line when no amount is given
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale["id"]}/approve")).Expect(HttpStatusCode.OK);

        var order = (await buyer.GetAsync($"/api/orders/{orderId}")).Json;
        Assert.Equal(200, order["statusCode"]!.GetValue<int>());
        Assert.Equal(10, await market.StockAsync(productId, skus[0]));
        Assert.Equal((0L, 0L), await Market.BalanceAsync(merchant, shopId));
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task MerchantSilentFor48Hours_RefundIsApprovedByItself()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.PaidOrderAsync(buyer, skus[0]);
        var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 1_000))).Expect(HttpStatusCode.Created).Id;

        await market.AdvanceAsync(47);
        Assert.Equal("merchantProcessing", (await buyer.GetAsync($"/api/after-sales/{id}")).Json["status"]!.GetValue<string>());
        Assert.Equal(1, (await market.AdvanceAsync(2))["afterSalesMoved"]!.GetValue<int>());
        Assert.Equal("refunded", (await buyer.GetAsync($"/api/after-sales/{id}")).Json["status"]!.GetValue<string>());
        Assert.Equal(2_000, (await Market.BalanceAsync(merchant, shopId)).Pending);
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task ReturnRefund_BuyerShipsBack_MerchantSilentEightDays_RefundsByItself_AndReceiptWaits()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.PaidOrderAsync(buyer, skus[0]);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "中通", trackingNumber = "ZT9" })).Expect(HttpStatusCode.OK);

        var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 3_000, "returnRefund"))).Expect(HttpStatusCode.Created).Id;
        // receipt cannot be confirmed while it is open
        (await buyer.PostAsync($"/api/orders/{orderId}/confirm-receipt")).ExpectProblem(HttpStatusCode.Conflict, "after_sale_open");
        // a return-refund amount can only be lowered
        (await buyer.PostAsync($"/api/after-sales/{id}/amount", new { amount = 4_000 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(2_500, (await buyer.PostAsync($"/api/after-sales/{id}/amount", new { amount = 2_500 })).Expect(HttpStatusCode.OK).Json["amount"]!.GetValue<long>());

        Assert.Equal("waitingBuyerReturn", (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{id}/approve")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Equal("waitingMerchantReceipt", (await buyer.PostAsync($"/api/after-sales/{id}/return", new { carrier = "顺丰", trackingNumber = "SF-R1" })).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        await market.AdvanceAsync(7 * 24);
        Assert.Equal("waitingMerchantReceipt", (await buyer.GetAsync($"/api/after-sales/{id}")).Json["status"]!.GetValue<string>());
        await market.AdvanceAsync(25);
        var done = (await buyer.GetAsync($"/api/after-sales/{id}")).Json;
        Assert.Equal("refunded", done["status"]!.GetValue<string>());
        Assert.Equal(500, (await Market.BalanceAsync(merchant, shopId)).Pending);

        // the auto-confirm timer waited for the after-sale: 10 days after shipment it confirms now
        await market.AdvanceAsync(48);
        Assert.Equal(100, (await buyer.GetAsync($"/api/orders/{orderId}")).Json["statusCode"]!.GetValue<int>());
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task BuyerNotShippingTheReturnInFiveDays_Closes()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.PaidOrderAsync(buyer, skus[0]);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "中通", trackingNumber = "ZT9" })).Expect(HttpStatusCode.OK);
        var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, type: "returnRefund"))).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{id}/approve")).Expect(HttpStatusCode.OK);
        await market.AdvanceAsync(5 * 24 + 1);
        Assert.Equal("closed", (await buyer.GetAsync($"/api/after-sales/{id}")).Json["status"]!.GetValue<string>());
        Assert.Equal(3_000, (await Market.BalanceAsync(merchant, shopId)).Pending);
    }

    [Fact]
    public async Task Rejected_Escalated_ArbitratedAfterSettlement_IsAClawback_WithTheFeeHandedBack()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0]);

        await market.AdvanceAsync(6 * 24);
        var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 4_000))).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{id}/reject", new { reason = "商品无质量问题" })).Expect(HttpStatusCode.OK);

        // the window ends with nothing open: the order settles (10,000 - 1% = 9,900 available)
        Assert.Equal(1, (await market.AdvanceAsync(25))["ordersSettled"]!.GetValue<int>());
        Assert.Equal((0L, 9_900L), await Market.BalanceAsync(merchant, shopId));
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 100))).ExpectProblem(HttpStatusCode.Conflict, "order_settled");

        // within 7 days of the rejection the buyer escalates; the platform decides for the buyer
        Assert.Equal("arbitrating", (await buyer.PostAsync($"/api/after-sales/{id}/escalate")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Single((await market.Operator.GetAsync("/api/ops/after-sales")).Json["items"]!.AsArray());
        (await merchant.PostAsync($"/api/ops/after-sales/{id}/arbitrate", new { decision = "refund", note = "x" })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        var decided = (await market.Operator.PostAsync($"/api/ops/after-sales/{id}/arbitrate", new { decision = "refund", note = "商品描述不符" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("refunded", decided["status"]!.GetValue<string>());
        Assert.True(decided["afterSettlement"]!.GetValue<bool>());

        // clawback of 4,000 from the available balance, and the 1% fee on it (40) handed back
        Assert.Equal((0L, 9_900L - 4_000 + 40), await Market.BalanceAsync(merchant, shopId));
        var kinds = (await merchant.GetAsync($"/api/shops/{shopId}/statement?limit=100")).Json["items"]!.AsArray()
            .Select(l => (l!["kind"]!.GetValue<string>(), l["amount"]!.GetValue<long>())).ToList();
        Assert.Contains(("clawback", -4_000L), kinds);
        Assert.Contains(("fee", 40L), kinds);
        await market.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task EscalationAfterSevenDays_IsRefused()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.PaidOrderAsync(buyer, skus[0]);
        var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 100))).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{id}/reject", new { reason = "no" })).Expect(HttpStatusCode.OK);
        await market.AdvanceAsync(7 * 24 + 1);
        (await buyer.PostAsync($"/api/after-sales/{id}/escalate")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task AtMostFivePerLine_OneOpenAtATime_AndBadInputChangesNothing()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (10_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.PaidOrderAsync(buyer, skus[0]);
        var stranger = await market.Host.UserAsync();

        (await stranger.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 100))).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 10_001))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, -1))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId, type = "steal", reason = "x" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId = Guid.NewGuid(), type = "refund", reason = "x" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.AfterSales.CountAsync()));

        for (var i = 0; i < 5; i++)
        {
            var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 100))).Expect(HttpStatusCode.Created).Id;
            (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 100))).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
            (await buyer.PostAsync($"/api/after-sales/{id}/cancel")).Expect(HttpStatusCode.OK);
        }
        (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", Refund(lineId, 100))).ExpectProblem(HttpStatusCode.Conflict, "after_sale_limit");

        var (other, otherShop) = await market.OpenShopAsync();
        var first = (await market.Host.WithDbAsync(db => db.AfterSales.Select(a => a.Id).FirstAsync())).ToString();
        (await other.PostAsync($"/api/shops/{otherShop}/after-sales/{first}/approve")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await other.PostAsync($"/api/shops/{shopId}/after-sales/{first}/approve")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
