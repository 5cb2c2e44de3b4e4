using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Ordering;

/// <summary>A buyer sees only their own orders; a merchant touches only its own shop.</summary>
public sealed class AccessTests
{
    [Fact]
    public async Task Buyer_CannotReadPayOrCancel_AnotherBuyersOrder()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId);
        var alice = await market.Host.UserAsync();
        var mallory = await market.Host.UserAsync();
        var id = (await alice.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id;

        (await mallory.GetAsync($"/api/orders/{id}")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await mallory.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await mallory.PostAsync($"/api/orders/{id}/cancel")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty((await mallory.GetAsync("/api/orders")).Json["items"]!.AsArray());
        (await market.Host.Anonymous().GetAsync($"/api/orders/{id}")).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");

        // the buyer, the shop and the operator may read it
        (await alice.GetAsync($"/api/orders/{id}")).Expect(HttpStatusCode.OK);
        (await merchant.GetAsync($"/api/orders/{id}")).Expect(HttpStatusCode.OK);
        (await market.Operator.GetAsync($"/api/orders/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(10, (await alice.GetAsync($"/api/orders/{id}")).Json["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Merchant_CannotTouch_AnotherShopsProductsOrOrders()
    {
        await using var market = await Market.StartAsync();
        var (owner, shopId) = await market.OpenShopAsync();
        var (rival, rivalShop) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(owner, shopId, (100, 10));
        var buyer = await market.Host.UserAsync();
        var orderId = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{orderId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);

        (await rival.PostAsync($"/api/shops/{shopId}/products", new { title = "x", categoryId = await market.LeafCategoryAsync(), skus = new[] { new { name = "a", price = 1, stock = 1 } } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await rival.PostAsync($"/api/shops/{shopId}/skus/{skus[0]}/stock", new { op = "set", quantity = 0 })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        // through its own shop's route, the other shop's SKU is still not reachable
        (await rival.PostAsync($"/api/shops/{rivalShop}/skus/{skus[0]}/stock", new { op = "set", quantity = 0 })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await rival.PostAsync($"/api/shops/{shopId}/products/{productId}/delist")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await rival.GetAsync($"/api/shops/{shopId}/orders")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await rival.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "x", trackingNumber = "y" })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await rival.PostAsync($"/api/shops/{rivalShop}/orders/{orderId}/ship", new { carrier = "x", trackingNumber = "y" })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await rival.GetAsync($"/api/orders/{orderId}")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(9, await market.StockAsync(productId, skus[0]));
        Assert.Equal(20, (await owner.GetAsync($"/api/orders/{orderId}")).Json["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task OperatorRoutes_NeedTheOperatorRole()
    {
        await using var market = await Market.StartAsync();
        var merchant = await market.Host.UserAsync();
        var shopId = (await merchant.PostAsync("/api/shops", new { name = "自批小店", kind = "individual" })).Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/ops/shops/{shopId}/approve")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await merchant.PostAsync("/api/ops/clock/advance", new { hours = 1 })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await market.Host.Anonymous().GetAsync("/api/ops/settings")).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("pendingReview", (await merchant.GetAsync($"/api/shops/{shopId}")).Json["status"]!.GetValue<string>());
    }
}
