using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Catalog;

public sealed class CatalogTests
{
    [Fact]
    public async Task Stock_AddSubtractSet_NeverBelowZero()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 10));
        var path = $"/api/shops/{shopId}/skus/{skus[0]}/stock";

        Assert.Equal(15, (await merchant.PostAsync(path, new { op = "add", quantity = 5 })).Expect(HttpStatusCode.OK).Json["stock"]!.GetValue<int>());
        Assert.Equal(3, (await merchant.PostAsync(path, new { op = "subtract", quantity = 12 })).Expect(HttpStatusCode.OK).Json["stock"]!.GetValue<int>());
        Assert.Equal(40, (await merchant.PostAsync(path, new { op = "set", quantity = 40 })).Expect(HttpStatusCode.OK).Json["stock"]!.GetValue<int>());

        // many concurrent subtractions of 3 from 40: only 13 fit
        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => merchant.PostAsync(path, new { op = "subtract", quantity = 3 })));
        Assert.Equal(13, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => r.ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock"));
        Assert.Equal(1, await market.StockAsync(productId, skus[0]));
    }

    [Fact]
    public async Task PendingShop_CannotList_NorSell_UntilApproved()
    {
        await using var market = await Market.StartAsync();
        var merchant = await market.Host.UserAsync();
        var shop = (await merchant.PostAsync("/api/shops", new { name = "新店", kind = "individual" })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("pendingReview", shop["status"]!.GetValue<string>());
        var shopId = shop["id"]!.GetValue<string>();
        var body = new { title = "茶", categoryId = await market.LeafCategoryAsync(), skus = new[] { new { name = "a", price = 100L, stock = 5 } } };
        (await merchant.PostAsync($"/api/shops/{shopId}/products", body)).ExpectProblem(HttpStatusCode.Conflict, "shop_not_open");

        Assert.Equal("open", (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/approve")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        var product = (await merchant.PostAsync($"/api/shops/{shopId}/products", body)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("draft", product["status"]!.GetValue<string>());
        var productId = product["id"]!.GetValue<string>();
        var sku = product["skus"]![0]!["id"]!.GetValue<string>();

        // a draft is not for sale, nor visible to the public
        var buyer = await market.Host.UserAsync();
        (await buyer.PostAsync("/api/orders", Market.OrderOf(sku))).ExpectProblem(HttpStatusCode.Conflict, "not_listed");
        (await buyer.GetAsync($"/api/products/{productId}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.GetAsync($"/api/products/{productId}")).Expect(HttpStatusCode.OK);

        Assert.Equal("listed", (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/list")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        (await buyer.PostAsync("/api/orders", Market.OrderOf(sku))).Expect(HttpStatusCode.Created);

        // suspended: no more orders
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/suspend", new { reason = "投诉过多" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync("/api/orders", Market.OrderOf(sku))).ExpectProblem(HttpStatusCode.Conflict, "shop_not_open");
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/reinstate")).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync("/api/orders", Market.OrderOf(sku))).Expect(HttpStatusCode.Created);

        // delisted: no more orders
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/delist")).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync("/api/orders", Market.OrderOf(sku))).ExpectProblem(HttpStatusCode.Conflict, "not_listed");
    }

    [Fact]
    public async Task Categories_CarryFeeRatesAndDeposits_OperatorEditsThem()
    {
        await using var market = await Market.StartAsync();
        var tree = (await market.Host.Anonymous().GetAsync("/api/categories")).Expect(HttpStatusCode.OK).Json.AsArray();
        var leaves = tree.SelectMany(t => t!["children"]!.AsArray()).ToList();
        Assert.NotEmpty(leaves);
        Assert.All(leaves, l => Assert.Contains(l!["feeRateBps"]!.GetValue<int>(), new[] { 100, 200, 250, 300, 400, 500 }));
        Assert.All(leaves, l => Assert.Equal(200_000, l!["deposit"]!.GetValue<long>()));

        var leaf = leaves[0]!["id"]!.GetValue<string>();
        (await market.Operator.PutAsync($"/api/ops/categories/{leaf}", new { feeRateBps = 350 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(300, (await market.Operator.PutAsync($"/api/ops/categories/{leaf}", new { feeRateBps = 300 })).Expect(HttpStatusCode.OK).Json["feeRateBps"]!.GetValue<int>());
        var merchant = await market.Host.UserAsync();
        (await merchant.PutAsync($"/api/ops/categories/{leaf}", new { feeRateBps = 100 })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
