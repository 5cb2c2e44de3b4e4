using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Ordering;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Ordering;

/// <summary>The invariant the platform lives by: a SKU never sells more than it has, however many buyers race.</summary>
public sealed class NoOversellTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiveHundredBuyers_OneSkuOfHundred_ExactlyHundredOrders(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (9_900, 100));
        var buyers = await market.Host.UsersAsync(500);

        var replies = await Task.WhenAll(buyers.Select(b => b.PostAsync("/api/orders", Market.OrderOf(skus[0]))));

        AssertExactlyHundredSold(replies);
        Assert.Equal(0, await market.StockAsync(productId, skus[0]));
        var placed = await market.Host.WithDbAsync(db => db.Orders.CountAsync());
        Assert.Equal(100, placed);
    }

    [Fact]
    public async Task TwoHostsOnOnePostgres_FiveHundredBuyers_ExactlyHundredOrders()
    {
        // small batches, so the two nodes' writers take turns on the hot row instead of one batch taking all
        var smallBatches = new Dictionary<string, string> { ["Sprig:Ordering:MaxBatch"] = "4" };
        await using var market = await Market.StartAsync("postgres", settings: smallBatches);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (9_900, 100));
        var (_, warmUp) = await market.ListProductAsync(merchant, shopId, (100, 10));
        var buyersOnFirst = await market.Host.UsersAsync(500);

        // a second Sprig node on the same database: its own order queue, its own batch writers
        await using var second = new TestHost(market.Host.Database, demo: false, smallBatches);
        var tokens = buyersOnFirst.Select((b, i) => i % 2 == 0 ? b : Rebind(b, second)).ToList();
        // both nodes warm (EF model built, writers running), so neither wins the race by starting first
        (await tokens[0].PostAsync("/api/orders", Market.OrderOf(warmUp[0]))).Expect(HttpStatusCode.Created);
        (await tokens[1].PostAsync("/api/orders", Market.OrderOf(warmUp[0]))).Expect(HttpStatusCode.Created);

        var replies = await Task.WhenAll(tokens.Select(b => b.PostAsync("/api/orders", Market.OrderOf(skus[0]))));

        AssertExactlyHundredSold(replies);
        Assert.Equal(0, await market.StockAsync(productId, skus[0]));
        Assert.Equal(102, await market.Host.WithDbAsync(db => db.Orders.CountAsync()));
        // both nodes took orders
        Assert.Contains(replies.Where((_, i) => i % 2 == 1), r => r.Status == HttpStatusCode.Created);
        Assert.Contains(replies.Where((_, i) => i % 2 == 0), r => r.Status == HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MultiLineOrders_AreAllOrNothing_UnderContention(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (1_000, 30), (2_000, 50));
        var buyers = await market.Host.UsersAsync(120);

        // every order wants one of A and one of B: A runs out first, and no order may take B without A
        var replies = await Task.WhenAll(buyers.Select(b => b.PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = skus[0], quantity = 1 }, new { skuId = skus[1], quantity = 1 } },
            address = Market.Address,
        })));

        Assert.Equal(30, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "out_of_stock"));
        Assert.Equal(0, await market.StockAsync(productId, skus[0]));
        Assert.Equal(20, await market.StockAsync(productId, skus[1]));
    }

    private static void AssertExactlyHundredSold(Reply[] replies)
    {
        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        Assert.Equal(100, replies.Count(r => r.Status == HttpStatusCode.Created));
        var refused = replies.Where(r => r.Status != HttpStatusCode.Created).ToList();
        Assert.Equal(400, refused.Count);
        Assert.All(refused, r => r.ExpectProblem(HttpStatusCode.Conflict, "out_of_stock"));
        Assert.All(replies.Where(r => r.Status == HttpStatusCode.Created),
            r => Assert.Equal((int)OrderStatus.PendingPayment, r.Json["statusCode"]!.GetValue<int>()));
    }

    private static Api Rebind(Api api, TestHost host)
    {
        return new Api(host.CreateClient(), api.Token) { UserId = api.UserId };
    }
}
