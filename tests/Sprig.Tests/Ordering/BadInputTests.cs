using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Ordering;

/// <summary>Bad input gets a 400 problem with a stable code and changes nothing.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task BadOrders_Are400_AndWriteNothing()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 10));
        var buyer = await market.Host.UserAsync();
        var sku = skus[0];

        (await buyer.PostRawAsync("/api/orders", "{\"items\": [")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await buyer.PostRawAsync("/api/orders", "{\"items\": [{\"skuId\": \"" + sku + "\", \"quantity\": \"two\"}]}")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await buyer.PostRawAsync("/api/orders", "{\"items\": [{\"skuId\": \"" + sku + "\", \"quantity\": 1e40}]}")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await buyer.PostRawAsync("/api/orders", "{\"items\": [{\"skuId\": 12, \"quantity\": 1}]}")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await buyer.PostAsync("/api/orders", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = sku, quantity = 1 } } })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var negative = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = sku, quantity = -3 } }, address = Market.Address }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(negative.Json["errors"]!["items[0].quantity"]);
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = sku, quantity = 0 } }, address = Market.Address })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = sku, quantity = 1_000_000 } }, address = Market.Address })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = sku, quantity = 1 } }, address = Market.Address, scene = "tv" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = Guid.NewGuid(), quantity = 1 } }, address = Market.Address })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await buyer.PostAsync("/api/orders", Market.OrderOf(sku, 11))).ExpectProblem(HttpStatusCode.Conflict, "out_of_stock");

        Assert.Equal(10, await market.StockAsync(productId, sku));
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task BadProductsAndStock_Are400_AndWriteNothing()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (100, 10));
        var category = await market.LeafCategoryAsync();

        (await merchant.PostAsync($"/api/shops/{shopId}/products", new { title = "贵", categoryId = category, skus = new[] { new { name = "a", price = 1_000_000_001L, stock = 1 } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/products", new { title = "负", categoryId = category, skus = new[] { new { name = "a", price = -1L, stock = 1 } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/products", new { title = "负", categoryId = category, skus = new[] { new { name = "a", price = 100L, stock = -5 } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/products", new { title = "", categoryId = category, skus = Array.Empty<object>() }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/products", new { title = "无类目", categoryId = Guid.NewGuid(), skus = new[] { new { name = "a", price = 100L, stock = 1 } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        (await merchant.PostAsync($"/api/shops/{shopId}/skus/{skus[0]}/stock", new { op = "subtract", quantity = 11 })).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        (await merchant.PostAsync($"/api/shops/{shopId}/skus/{skus[0]}/stock", new { op = "subtract", quantity = -1 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/skus/{skus[0]}/stock", new { op = "double", quantity = 1 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/skus/{skus[0]}/stock", new { op = "add", quantity = 20_000_000 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(10, await market.StockAsync(productId, skus[0]));
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.Products.CountAsync()));
    }
}
