using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Ordering;

public sealed class OrderLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Order_PaidShippedReceived_WalksTheStatusCodes(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (12_345, 10), (500, 10));
        var buyer = await market.Host.UserAsync();

        var order = (await buyer.PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = skus[0], quantity = 2 }, new { skuId = skus[1], quantity = 3 } },
            address = Market.Address,
            scene = "shortVideo",
            contentId = "video-42",
            impressionId = "imp-1",
        })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("pendingPayment", order["status"]!.GetValue<string>());
        Assert.Equal(10, order["statusCode"]!.GetValue<int>());
        Assert.Equal("CNY", order["currency"]!.GetValue<string>());
        Assert.Equal(2 * 12_345 + 3 * 500, order["original"]!.GetValue<long>());
        Assert.Equal(2 * 12_345 + 3 * 500, order["paid"]!.GetValue<long>());
        Assert.Equal("shortVideo", order["scene"]!.GetValue<string>());
        Assert.Equal("video-42", order["contentId"]!.GetValue<string>());
        Assert.Equal(2, order["lines"]!.AsArray().Count);
        Assert.Equal(8, await market.StockAsync(productId, skus[0]));
        var id = order["id"]!.GetValue<string>();

        var paid = (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("pendingShipment", paid["status"]!.GetValue<string>());
        Assert.Equal(20, paid["statusCode"]!.GetValue<int>());
        Assert.All(paid["lines"]!.AsArray(), l => Assert.NotNull(l!["shipBy"]));

        var toShip = (await merchant.GetAsync($"/api/shops/{shopId}/orders?status=pendingShipment")).Expect(HttpStatusCode.OK).Json;
        Assert.Single(toShip["items"]!.AsArray());

        var firstLine = paid["lines"]![0]!["id"]!.GetValue<string>();
        var partly = (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "顺丰", trackingNumber = "SF1", lineIds = new[] { firstLine } }))
            .Expect(HttpStatusCode.OK).Json;
        Assert.Equal(21, partly["statusCode"]!.GetValue<int>());
        var shipped = (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "顺丰", trackingNumber = "SF2" }))
            .Expect(HttpStatusCode.OK).Json;
        Assert.Equal("shipped", shipped["status"]!.GetValue<string>());
        Assert.Equal(30, shipped["statusCode"]!.GetValue<int>());
        Assert.Equal(2, shipped["shipments"]!.AsArray().Count);

        var done = (await buyer.PostAsync($"/api/orders/{id}/confirm-receipt")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(100, done["statusCode"]!.GetValue<int>());
        Assert.False(done["receiptAutoConfirmed"]!.GetValue<bool>());

        (await buyer.PostAsync($"/api/orders/{id}/cancel")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Cancel_Unpaid_ReleasesStock_AndCannotBePaidAfter()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 5));
        var buyer = await market.Host.UserAsync();

        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 5))).Expect(HttpStatusCode.Created).Id;
        Assert.Equal(0, await market.StockAsync(productId, skus[0]));
        var cancelled = (await buyer.PostAsync($"/api/orders/{id}/cancel")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(250, cancelled["statusCode"]!.GetValue<int>());
        Assert.Equal("buyer", cancelled["cancelReason"]!.GetValue<string>());
        Assert.Equal(5, await market.StockAsync(productId, skus[0]));

        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await buyer.PostAsync($"/api/orders/{id}/cancel")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Merchant_CancelsAnUnpaidOrder_StockReturns_ButNotAPaidOne()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 5));
        var buyer = await market.Host.UserAsync();
        var unpaid = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 2))).Expect(HttpStatusCode.Created).Id;
        var paid = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 1))).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{paid}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);

        var cancelled = (await merchant.PostAsync($"/api/shops/{shopId}/orders/{unpaid}/cancel")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("merchant", cancelled["cancelReason"]!.GetValue<string>());
        Assert.Equal(4, await market.StockAsync(productId, skus[0]));
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{paid}/cancel")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unpaid_AfterFifteenMinutes_CancelsByItself_AndReleasesStock(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 3));
        var buyer = await market.Host.UserAsync();
        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 3))).Expect(HttpStatusCode.Created).Id;

        var early = (await market.Operator.PostAsync("/api/ops/clock/advance", new { hours = 14.0 / 60 })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(0, early["ordersCancelled"]!.GetValue<int>());
        Assert.Equal(0, await market.StockAsync(productId, skus[0]));

        var late = (await market.Operator.PostAsync("/api/ops/clock/advance", new { hours = 2.0 / 60 })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(1, late["ordersCancelled"]!.GetValue<int>());
        var order = (await buyer.GetAsync($"/api/orders/{id}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(250, order["statusCode"]!.GetValue<int>());
        Assert.Equal("paymentTimeout", order["cancelReason"]!.GetValue<string>());
        Assert.Equal(3, await market.StockAsync(productId, skus[0]));
    }

    [Fact]
    public async Task Pay_AfterTheWindow_ButBeforeTheTimerRan_IsRefusedAndCancels()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 3));
        var buyer = await market.Host.UserAsync();
        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 1))).Expect(HttpStatusCode.Created).Id;

        market.Host.Clock.Advance(TimeSpan.FromMinutes(16)); // time passes, the timer has not run yet
        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).ExpectProblem(HttpStatusCode.Conflict, "order_expired");
        Assert.Equal(3, await market.StockAsync(productId, skus[0]));
    }

    [Fact]
    public async Task Shipped_AfterTenDays_ReceiptConfirmsByItself()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId);
        var buyer = await market.Host.UserAsync();
        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "中通", trackingNumber = "ZT1" })).Expect(HttpStatusCode.OK);

        (await market.Operator.PostAsync("/api/ops/clock/advance", new { hours = 9 * 24 })).Expect(HttpStatusCode.OK);
        Assert.Equal(30, (await buyer.GetAsync($"/api/orders/{id}")).Json["statusCode"]!.GetValue<int>());
        var after = (await market.Operator.PostAsync("/api/ops/clock/advance", new { hours = 24 })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(1, after["receiptsConfirmed"]!.GetValue<int>());
        var order = (await buyer.GetAsync($"/api/orders/{id}")).Json;
        Assert.Equal(100, order["statusCode"]!.GetValue<int>());
        Assert.True(order["receiptAutoConfirmed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task LateShipment_IsRecordedOnTheLine()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId);
        var buyer = await market.Host.UserAsync();
        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        market.Host.Clock.Advance(TimeSpan.FromHours(49)); // the default promise is 48 h
        var shipped = (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "中通", trackingNumber = "ZT1" })).Expect(HttpStatusCode.OK).Json;
        Assert.True(shipped["lines"]![0]!["shippedLate"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SameIdempotencyKey_ReturnsTheFirstOrder_AndTakesStockOnce()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 50));
        var buyer = await market.Host.UserAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 2), idempotencyKey: "checkout-1")));
        Assert.All(replies, r => r.Expect(HttpStatusCode.Created));
        Assert.Single(replies.Select(r => r.Id).Distinct());
        var again = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 2), idempotencyKey: "checkout-1")).Expect(HttpStatusCode.Created);
        Assert.Equal(replies[0].Id, again.Id);
        Assert.Equal(48, await market.StockAsync(productId, skus[0]));

        // another buyer's identical key is their own
        var other = await market.Host.UserAsync();
        var theirs = (await other.PostAsync("/api/orders", Market.OrderOf(skus[0], 2), idempotencyKey: "checkout-1")).Expect(HttpStatusCode.Created);
        Assert.NotEqual(replies[0].Id, theirs.Id);
    }

    [Fact]
    public async Task OrderAcrossTwoShops_IsRefused()
    {
        await using var market = await Market.StartAsync();
        var (m1, s1) = await market.OpenShopAsync();
        var (m2, s2) = await market.OpenShopAsync();
        var (p1, a) = await market.ListProductAsync(m1, s1, (100, 5));
        var (_, b) = await market.ListProductAsync(m2, s2, (100, 5));
        var buyer = await market.Host.UserAsync();
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = a[0], quantity = 1 }, new { skuId = b[0], quantity = 1 } }, address = Market.Address }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(5, await market.StockAsync(p1, a[0]));
    }

    [Fact]
    public async Task Orders_ListInPages_NewestFirst()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (100, 50));
        var buyer = await market.Host.UserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id);

        var page1 = (await buyer.GetAsync("/api/orders?limit=2")).Expect(HttpStatusCode.OK).Json;
        var page2 = (await buyer.GetAsync($"/api/orders?limit=2&cursor={page1["nextCursor"]}")).Expect(HttpStatusCode.OK).Json;
        var page3 = (await buyer.GetAsync($"/api/orders?limit=2&cursor={page2["nextCursor"]}")).Expect(HttpStatusCode.OK).Json;
        var seen = new[] { page1, page2, page3 }.SelectMany(p => p["items"]!.AsArray().Select(o => o!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        Assert.Null(page3["nextCursor"]);
        (await buyer.GetAsync("/api/orders?limit=101")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.GetAsync("/api/orders?cursor=nonsense")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
