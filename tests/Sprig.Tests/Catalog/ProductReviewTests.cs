using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;
using Sprig.Tests.Search;

namespace Sprig.Tests.Catalog;

/// <summary>The platform's spot checks after listing (巡检): the queue, pass, block with a reason, unblock.</summary>
public sealed class ProductReviewTests
{
    private static async Task<List<string>> QueueAsync(Api ops, string? cursor = null, int limit = 100)
    {
        var page = (await ops.GetAsync($"/api/ops/products/review?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"))).Expect(HttpStatusCode.OK).Json;
        return page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queue_HoldsListedProductsNotYetChecked_OldestFirst_InPages_PassTakesOneOut_AnEditPutsItBack(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var listed = new List<string>();
        for (var i = 0; i < 5; i++) listed.Add((await market.ListProductAsync(merchant, shopId)).ProductId);
        var draft = (await merchant.PostAsync($"/api/shops/{shopId}/products", new
        {
            title = "草稿", categoryId = await market.LeafCategoryAsync(), skus = new[] { new { name = "a", price = 100L, stock = 1 } },
        })).Expect(HttpStatusCode.Created).Id;

        // pages of two, oldest first, until the cursor runs out; the draft is not for sale, so not in the queue
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await market.Operator.GetAsync("/api/ops/products/review?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))).Expect(HttpStatusCode.OK).Json;
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        } while (cursor is not null);
        Assert.Equal(listed, seen);
        Assert.Equal(3, pages);
        Assert.DoesNotContain(draft, seen);
        (await market.Operator.GetAsync("/api/ops/products/review?cursor=not-a-cursor")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        var passed = (await market.Operator.PostAsync($"/api/ops/products/{listed[0]}/pass")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("listed", passed["status"]!.GetValue<string>());
        Assert.NotNull(passed["reviewedAt"]);
        Assert.Equal(listed.Skip(1), await QueueAsync(market.Operator));

        // only what is on sale is spot-checked; an unknown product is 404
        (await market.Operator.PostAsync($"/api/ops/products/{draft}/pass")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await market.Operator.PostAsync($"/api/ops/products/{Guid.NewGuid()}/pass")).ExpectProblem(HttpStatusCode.NotFound, "not_found");

        // what was checked is no longer what buyers read: back in the queue, in its place by age
        (await merchant.PatchAsync($"/api/shops/{shopId}/products/{listed[0]}", new { title = "纯棉 T 恤（新款）" })).Expect(HttpStatusCode.OK);
        Assert.Equal(listed, await QueueAsync(market.Operator));
        // delisted products leave it
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{listed[1]}/delist")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(listed[1], await QueueAsync(market.Operator));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Block_TakesItOffSale_TheMerchantSeesWhy_AndCannotListIt_UnblockReturnsItDelisted(string provider)
    {
        await using var market = await ShelfWorld.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId);
        var buyer = await market.Host.UserAsync();
        var anyone = market.Host.Anonymous();
        await ShelfWorld.EventuallyAsync(anyone, $"shopId={shopId}", ids => ids.SequenceEqual([productId]));

        // a reason is required, and a refused block changes nothing
        (await market.Operator.PostAsync($"/api/ops/products/{productId}/block", new { reason = " " })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PostAsync($"/api/ops/products/{productId}/block", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PostAsync($"/api/ops/products/{productId}/block", new { reason = new string('假', 301) })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("listed", (await anyone.GetAsync($"/api/products/{productId}")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());

        var blocked = (await market.Operator.PostAsync($"/api/ops/products/{productId}/block", new { reason = "涉嫌假冒品牌，请提供授权书" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("blockedByPlatform", blocked["status"]!.GetValue<string>());
        Assert.Equal("涉嫌假冒品牌，请提供授权书", blocked["blockReason"]!.GetValue<string>());
        (await market.Operator.PostAsync($"/api/ops/products/{productId}/block", new { reason = "again" })).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");

        // nobody can buy it, nor quote it
        (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).ExpectProblem(HttpStatusCode.Conflict, "product_blocked");
        (await buyer.PostAsync("/api/orders/quote", new { items = new[] { new { skuId = skus[0], quantity = 1 } } })).ExpectProblem(HttpStatusCode.Conflict, "product_blocked");
        // the merchant reads why and cannot put it back on sale; the public no longer sees it
        var shelf = (await merchant.GetAsync($"/api/shops/{shopId}/products")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal("涉嫌假冒品牌，请提供授权书", shelf.Single(p => p!["id"]!.GetValue<string>() == productId)!["blockReason"]!.GetValue<string>());
        Assert.Equal("涉嫌假冒品牌，请提供授权书", (await merchant.GetAsync($"/api/products/{productId}")).Expect(HttpStatusCode.OK).Json["blockReason"]!.GetValue<string>());
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/list")).ExpectProblem(HttpStatusCode.Conflict, "product_blocked");
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/delist")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await anyone.GetAsync($"/api/products/{productId}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        // out of search, the feed and the queue; in the operator's list of blocked products
        await ShelfWorld.EventuallyAsync(anyone, $"shopId={shopId}", ids => ids.Count == 0);
        Assert.False(await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(productId)).Select(f => f.Eligible).SingleAsync()));
        Assert.DoesNotContain(productId, await QueueAsync(market.Operator));
        var held = (await market.Operator.GetAsync("/api/ops/products?status=blockedByPlatform")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(new[] { productId }, held.Select(p => p!["id"]!.GetValue<string>()));
        (await market.Operator.GetAsync("/api/ops/products?status=gone")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        // lifted: delisted, for the merchant to list again after fixing it
        var lifted = (await market.Operator.PostAsync($"/api/ops/products/{productId}/unblock")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("delisted", lifted["status"]!.GetValue<string>());
        Assert.Null(lifted["blockReason"]);
        (await market.Operator.PostAsync($"/api/ops/products/{productId}/unblock")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).ExpectProblem(HttpStatusCode.Conflict, "not_listed");
        Assert.Equal("listed", (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/list")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created);
        await ShelfWorld.EventuallyAsync(anyone, $"shopId={shopId}", ids => ids.SequenceEqual([productId]));
        Assert.True(await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(productId)).Select(f => f.Eligible).SingleAsync()));
        // the operator's decision was its check
        Assert.DoesNotContain(productId, await QueueAsync(market.Operator));
    }

    [Fact]
    public async Task ReviewRoutes_AreTheOperators()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, _) = await market.ListProductAsync(merchant, shopId);
        var anonymous = market.Host.Anonymous();

        foreach (var caller in new[] { merchant, await market.Host.UserAsync() })
        {
            (await caller.GetAsync("/api/ops/products/review")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            (await caller.GetAsync("/api/ops/products")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            (await caller.PostAsync($"/api/ops/products/{productId}/pass")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            (await caller.PostAsync($"/api/ops/products/{productId}/block", new { reason = "x" })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            (await caller.PostAsync($"/api/ops/products/{productId}/unblock")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        }
        (await anonymous.GetAsync("/api/ops/products/review")).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.PostAsync($"/api/ops/products/{productId}/block", new { reason = "x" })).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("listed", (await anonymous.GetAsync($"/api/products/{productId}")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Equal(new[] { productId }, await QueueAsync(market.Operator));
    }
}
