using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Distribution;

/// <summary>Issue 5's "done when", on the demo data itself.</summary>
public sealed class DemoDistributionTests
{
    [Fact]
    public async Task TheNewShopsProduct_ClimbsOutOfTheColdStartPool_AsTheClockAdvancesAndTheCrowdEngages()
    {
        await using var market = await Market.StartAsync(demo: true, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var rising = await market.Host.WithDbAsync(db => Task.FromResult(db.Products.Single(p => p.Title == Sprig.Server.Demo.DemoCrowd.RisingProduct).Id));
        var dull = await market.Host.WithDbAsync(db => Task.FromResult(db.Products.Single(p => p.Title.StartsWith("20W")).Id));
        Assert.Equal("coldStart", await PoolAsync(market, rising));

        var first = await market.AdvanceAsync(25);
        Assert.True(first["poolsPromoted"]!.GetValue<int>() >= 1);
        Assert.Equal("tier1", await PoolAsync(market, rising));

        for (var day = 0; day < 8 && await PoolAsync(market, rising) == "tier1"; day++) await market.AdvanceAsync(25);
        Assert.Equal("tier2", await PoolAsync(market, rising));
        // a product the crowd barely clicks is never promoted: once its cold-start budget is spent it is left to organic traffic
        Assert.Contains(await PoolAsync(market, dull), new[] { "coldStart", "organic" });
        for (var day = 0; day < 20 && await PoolAsync(market, dull) == "coldStart"; day++) await market.AdvanceAsync(25);
        Assert.Equal("organic", await PoolAsync(market, dull));
        var stats = (await market.Operator.GetAsync($"/api/ops/feed-items/{rising}")).Expect(HttpStatusCode.OK).Json;
        Assert.True(stats["clicks"]!.GetValue<long>() * 10 > stats["impressions"]!.GetValue<long>(), stats.ToJsonString());
    }

    private static async Task<string> PoolAsync(Market market, Guid itemId) =>
        (await market.Operator.GetAsync($"/api/ops/feed-items/{itemId}")).Expect(HttpStatusCode.OK).Json["pool"]!.GetValue<string>();
}
