using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Distribution;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>Traffic pools: cold start without followers, reviews on engagement, the brand pool's share, budgets under concurrency.</summary>
public sealed class TrafficPoolTests
{
    // the background timers would review an item the moment its budget is served; these tests review when they choose
    private static readonly Dictionary<string, string> NoJobs = new() { ["Sprig:Jobs"] = "false" };

    public static TheoryData<string, bool> Setups => new() { { "sqlite", false }, { "postgres", false }, { "postgres", true } };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANewShopsProduct_GetsColdStartImpressions_WithoutAnyFollowers(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, products) = await ShopWithProductsAsync(market, 1);
        var buyer = await market.Host.UserAsync();

        var items = await FeedAsync(buyer);

        var item = Assert.Single(items);
        Assert.Equal(products[0], Product(item));
        Assert.Equal("public", Source(item));
        Assert.Equal("coldStart", Pool(item));
        var stats = await ItemAsync(market, products[0]);
        Assert.Equal(1, stats.Impressions);
        Assert.Equal(1, stats.PoolServed);
        Assert.Equal(500, stats.PoolBudget);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AfterItsBudget_AnItemIsPromoted_WhenItsRatesBeatTheThresholds_AndNotOtherwise(string provider)
    {
        await using var market = await StartAsync(provider, NoJobs);
        await SetColdStartBudgetAsync(market, 10, new { budget = 10, minCtrBps = 2_000, minLikeBps = 0, minShareBps = 0, minCompletionBps = 0, minCvrBps = 0, minGpm = 0 });
        var (_, _, good) = await ShopWithProductsAsync(market, 1);
        var (_, _, dull) = await ShopWithProductsAsync(market, 1);
        var buyers = await market.Host.UsersAsync(10);

        for (var i = 0; i < buyers.Count; i++)
        {
            var items = await FeedAsync(buyers[i]);
            Assert.Equal(2, items.Count);
            // half the buyers click the good one (CTR 50%), one clicks the dull one (10%): the threshold is 20%
            if (i % 2 == 0) await ClickAsync(buyers[i], items, good[0]);
            if (i == 3) await ClickAsync(buyers[i], items, dull[0]);
        }
        Assert.True((await ItemAsync(market, good[0])).ReviewDue);
        Assert.Empty(await FeedAsync(await market.Host.UserAsync())); // both budgets are served; nothing is shown past them

        var review = (await market.Operator.PostAsync("/api/ops/traffic-pools/review")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(1, review["promoted"]!.GetValue<int>());
        Assert.Equal(1, review["organic"]!.GetValue<int>());

        var promoted = (await market.Operator.GetAsync($"/api/ops/feed-items/{good[0]}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("tier1", promoted["pool"]!.GetValue<string>());
        Assert.Equal(3_000, promoted["poolBudget"]!.GetValue<int>());
        Assert.Equal(0, promoted["poolServed"]!.GetValue<int>());
        Assert.Equal(10, promoted["impressions"]!.GetValue<long>());
        Assert.Equal(5, promoted["clicks"]!.GetValue<long>());
        var left = (await market.Operator.GetAsync($"/api/ops/feed-items/{dull[0]}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("organic", left["pool"]!.GetValue<string>());
        Assert.Equal(-1, left["poolLevel"]!.GetValue<int>());

        // the promoted item is served from its new pool; a second review changes nothing
        var next = await FeedAsync(await market.Host.UserAsync());
        Assert.Contains(next, i => Product(i) == good[0] && Pool(i) == "tier1");
        var again = (await market.Operator.PostAsync("/api/ops/traffic-pools/review")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(0, again["promoted"]!.GetValue<int>() + again["organic"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheBrandPoolsShareOfSlots_HoldsOverManyFeedRequests(string provider)
    {
        await using var market = await StartAsync(provider);
        await ShopWithProductsAsync(market, 6, kind: "brand");
        await ShopWithProductsAsync(market, 6, kind: "brand");
        for (var s = 0; s < 12; s++) await ShopWithProductsAsync(market, 3);
        var buyers = await market.Host.UsersAsync(30);

        var pages = await Task.WhenAll(buyers.Select(b => FeedAsync(b)));

        var slots = pages.SelectMany(p => p).ToList();
        Assert.Equal(30 * 20, slots.Count);
        // a tenth of the recommended slots are the brand pool's (two of twenty on every page)
        Assert.All(pages, p => Assert.Equal(2, p.Count(i => Pool(i) == "brand")));
        Assert.All(pages.SelectMany(p => p).Where(i => Pool(i) == "brand"), i => Assert.Equal("brand", i!["reason"]!["boost"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task APoolsBudget_IsNeverPassed_UnderConcurrentFeeds(string provider, bool twoHosts)
    {
        await using var market = await StartAsync(provider, NoJobs);
        await SetColdStartBudgetAsync(market, 40);
        for (var s = 0; s < 15; s++) await ShopWithProductsAsync(market, 2);
        var buyers = await market.Host.UsersAsync(200);
        await using var second = twoHosts ? new TestHost(market.Host.Database, demo: false, new Dictionary<string, string>(NoJobs)) : null;
        var callers = buyers.Select((b, i) => second is not null && i % 2 == 1 ? b.On(second) : b).ToList();

        var pages = await Task.WhenAll(callers.Select(b => b.GetAsync("/api/feed?tab=recommended")));

        Assert.All(pages, p => p.Expect(HttpStatusCode.OK));
        var counts = (await LoggedAsync(market)).GroupBy(i => i.ItemId).Select(g => new { g.Key, N = g.Count() }).ToList();
        Assert.Equal(30, counts.Count);
        // 200 buyers want 20 items each from 30 items with 40 impressions of budget each: every budget is served, none passed
        Assert.All(counts, c => Assert.Equal(40, c.N));
        var served = pages.Sum(p => p.Json["items"]!.AsArray().Count);
        Assert.Equal(30 * 40, served);
        // budgets are counted with the log; the lifetime counters from each node's tally, written within a second or now
        await market.Host.Service<SignalWriter>().FlushAsync(default);
        if (second is not null) await second.Service<SignalWriter>().FlushAsync(default);
        var items = await market.Host.WithDbAsync(db => db.FeedItems.ToListAsync());
        Assert.All(items, f => { Assert.Equal(40, f.PoolServed); Assert.Equal(40, f.Impressions); Assert.True(f.ReviewDue); });
    }
}
