using System.Net;
using System.Text.Json.Nodes;
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

        // the crowd's sixty pages a day serve the tea about its cold-start budget of 50 on the first day, a few short on some
        // runs: how often it is picked before the node's lists take in its first clicks depends on how fast the pages run
        var promoted = 0;
        for (var day = 0; day < 3 && await PoolAsync(market, rising) == "coldStart"; day++)
            promoted += (await market.AdvanceAsync(25))["poolsPromoted"]!.GetValue<int>();
        Assert.True(promoted >= 1);
        Assert.Equal("tier1", await PoolAsync(market, rising));

        for (var day = 0; day < 12 && await PoolAsync(market, rising) == "tier1"; day++) await market.AdvanceAsync(25);
        Assert.Equal("tier2", await PoolAsync(market, rising));
        // a product the crowd barely clicks is never promoted: once its cold-start budget is spent it is left to organic traffic
        Assert.Contains(await PoolAsync(market, dull), new[] { "coldStart", "organic" });
        // the demo shop has fifteen cold-start items and shows at most two a page, so they take their turns over days: how
        // many turns a day depends on how often the node's lists reload while the crowd's pages run (each second), so
        // a faster machine takes more days of demo time
        for (var day = 0; day < 60 && await PoolAsync(market, dull) == "coldStart"; day++) await market.AdvanceAsync(25);
        var dullStats = await StatsAsync(market, dull);
        Assert.True(dullStats["pool"]!.GetValue<string>() == "organic", dullStats.ToJsonString());
        var stats = await StatsAsync(market, rising);
        Assert.True(stats["clicks"]!.GetValue<long>() * 10 > stats["impressions"]!.GetValue<long>(), stats.ToJsonString());
    }

    private static async Task<string> PoolAsync(Market market, Guid itemId) => (await StatsAsync(market, itemId))["pool"]!.GetValue<string>();

    private static async Task<JsonNode> StatsAsync(Market market, Guid itemId) =>
        (await market.Operator.GetAsync($"/api/ops/feed-items/{itemId}")).Expect(HttpStatusCode.OK).Json;
}
