using Microsoft.EntityFrameworkCore;
using Sprig.Analytics;
using Sprig.Distribution;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>
/// A page's impressions are logged, and its pool items' budgets drawn, before the page returns; the items' lifetime
/// impression counters and the impression facts are summed in the node and written within a second, and when it stops.
/// </summary>
public sealed class ImpressionTallyTests
{
    /// <summary>A flush writes a sum per item, source and analytics day (UTC+8), not a row per impression.</summary>
    [Fact]
    public void TheTally_SumsAnItemsImpressionsPerSourceAndDay_AndIsEmptyOnceTaken()
    {
        var tally = new ImpressionTally();
        var (item, other, shop) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var midnight = new DateTimeOffset(2026, 12, 5, 16, 0, 0, TimeSpan.Zero); // 00:00 in Beijing
        Impression Shown(Guid id, TrafficSource source, DateTimeOffset at) => new() { Id = Guid.NewGuid(), ItemId = id, ShopId = shop, Source = source, ServedAt = at };

        tally.Add([Shown(item, TrafficSource.Public, midnight.AddSeconds(-2)), Shown(item, TrafficSource.Public, midnight.AddSeconds(-1)),
            Shown(item, TrafficSource.Private, midnight.AddSeconds(-1)), Shown(other, TrafficSource.Public, midnight.AddSeconds(-1))]);
        tally.Add([Shown(item, TrafficSource.Public, midnight), Shown(item, TrafficSource.Public, midnight.AddSeconds(1))]);
        var sums = tally.Take();

        Assert.Equal(0, tally.Count);
        Assert.Empty(tally.Take());
        Assert.Equal(4, sums.Count);
        Assert.Equal(6, sums.Sum(s => s.Count));
        Assert.Contains(new ImpressionTally.Sum(item, shop, TrafficSource.Public, 2, midnight.AddSeconds(-1)), sums);
        Assert.Contains(new ImpressionTally.Sum(item, shop, TrafficSource.Public, 2, midnight.AddSeconds(1)), sums);
        Assert.Contains(new ImpressionTally.Sum(item, shop, TrafficSource.Private, 1, midnight.AddSeconds(-1)), sums);

        // a flush that failed puts its sums back: they join what came meanwhile, on their own days
        tally.Add([Shown(item, TrafficSource.Public, midnight.AddSeconds(2))]);
        tally.Restore(sums);
        var again = tally.Take();
        Assert.Equal(4, again.Count);
        Assert.Contains(new ImpressionTally.Sum(item, shop, TrafficSource.Public, 3, midnight.AddSeconds(2)), again);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ThePagesBudgetIsDrawnWithItsLog_AndTheCountersAndFactsFollowWithinASecond_EachItemOnce(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, products) = await ShopWithProductsAsync(market, 1);
        var buyers = await market.Host.UsersAsync(3);

        foreach (var b in buyers) Assert.Single(await FeedAsync(b));

        // the budget with the log: at once
        var item = await market.Host.WithDbAsync(async db => (await db.FeedItems.AsNoTracking().SingleAsync(f => f.Id == Guid.Parse(products[0]))));
        Assert.Equal(3, item.PoolServed);
        // the counter and the facts from the node's tally, within a second of real time, without anyone asking
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == item.Id).Select(f => f.Impressions).SingleAsync()) < 3)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the tally was not written on its own");
            await Task.Delay(50);
        }
        var facts = await market.Host.WithDbAsync(db => db.Facts.Where(f => f.Kind == FactKind.Impression && f.ItemId == item.Id).ToListAsync());
        Assert.Equal(3, facts.Sum(f => f.Count));
        Assert.Equal(3, (await ItemAsync(market, products[0])).Impressions); // written once, not again
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANodeThatStops_WritesItsTallyFirst(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, products) = await ShopWithProductsAsync(market, 2);
        // a second node that would write its tally only once an hour
        var node = new TestHost(market.Host.Database, demo: false, new Dictionary<string, string>
        {
            ["Sprig:Distribution:RefreshMilliseconds"] = "0",
            ["Sprig:Signals:TallyMilliseconds"] = "3600000",
        });
        var buyers = await node.UsersAsync(2);
        foreach (var b in buyers) Assert.Equal(2, (await FeedAsync(b.On(node))).Count);
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FeedItems.SumAsync(f => f.Impressions)));

        await node.DisposeAsync();

        var items = await market.Host.WithDbAsync(db => db.FeedItems.AsNoTracking().ToListAsync());
        Assert.All(items, f => Assert.Equal((2, 2L), (f.PoolServed, f.Impressions)));
        Assert.Equal(4, await market.Host.WithDbAsync(db => db.Facts.Where(f => f.Kind == FactKind.Impression).SumAsync(f => f.Count)));
    }
}
