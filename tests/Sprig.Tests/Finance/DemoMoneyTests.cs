using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Finance;

/// <summary>Issue 3's "done when", on the demo data itself: the demo accounts walk an order to the merchant's statement.</summary>
public sealed class DemoMoneyTests
{
    [Fact]
    public async Task DemoOrder_PaidShippedReceivedPartlyRefunded_SettledByTheClock_ShowsOnTheStatement()
    {
        await using var market = await Market.StartAsync(demo: true);
        var buyer = await market.SignInDemoAsync("buyer@demo.sprig");
        var merchant = await market.SignInDemoAsync("merchant@demo.sprig");
        var ops = await market.SignInDemoAsync("ops@demo.sprig");
        var shopId = (await merchant.GetAsync("/api/me/shops")).Json[0]!["id"]!.GetValue<string>();
        var product = (await buyer.GetAsync($"/api/shops/{shopId}/products?limit=1")).Json["items"]![0]!;
        var sku = product["skus"]![0]!;

        var (orderId, lineId) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, sku["id"]!.GetValue<string>(), 2);
        var paid = 2 * sku["price"]!.GetValue<long>();
        var sale = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId, type = "refund", amount = 1_000, reason = "包装破损" })).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{sale}/approve")).Expect(HttpStatusCode.OK);

        var advanced = (await ops.PostAsync("/api/ops/clock/advance", new { hours = 7 * 24 + 1 })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(1, advanced["ordersSettled"]!.GetValue<int>());

        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        var fee = settlement["fee"]!.GetValue<long>();
        Assert.True(fee > 0);
        Assert.Equal(paid - 1_000 - fee, settlement["net"]!.GetValue<long>());
        var statement = (await merchant.GetAsync($"/api/shops/{shopId}/statement?limit=100")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(["fee", "settlement", "settlement", "refund", "orderPayment"],
            statement.Select(l => l!["kind"]!.GetValue<string>()));
        Assert.Equal(0, (await ops.GetAsync("/api/ops/ledger/trial-balance")).Json["total"]!.GetValue<long>());
    }
}
