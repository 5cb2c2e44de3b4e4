using Sprig.Distribution;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>
/// The score kept on an item (what the candidate indexes sort by) follows its counters, but is rewritten only when it
/// moved by more than <see cref="FeedCounters.RescoreAt"/>: an impression alone barely moves it, a click does.
/// </summary>
public sealed class StoredScoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnImpressionLeavesTheStoredScore_AClickRewritesIt_AndItStaysWithinOnePercentOfTheCounters(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, products) = await ShopWithProductsAsync(market, 1);
        var buyers = await market.Host.UsersAsync(3);

        var shown = await FeedAsync(buyers[0]);
        var item = await ItemAsync(market, products[0]);
        Assert.Equal(1, item.Impressions);
        Assert.Equal(Ranking.Prior, item.Score); // one impression of 200 prior ones: under 1%, not rewritten
        Assert.InRange(Math.Abs(Ranking.Score(Stats(item)) - item.Score), 0, FeedCounters.RescoreAt * item.Score);

        await ClickAsync(buyers[0], shown, products[0]);
        item = await ItemAsync(market, products[0]);
        Assert.Equal(1, item.Clicks);
        Assert.Equal(Ranking.Score(Stats(item)), item.Score, 12); // a click moves a fresh item's score by ~10%: written

        foreach (var b in buyers.Skip(1)) await FeedAsync(b);
        item = await ItemAsync(market, products[0]);
        Assert.Equal(3, item.Impressions);
        Assert.InRange(Math.Abs(Ranking.Score(Stats(item)) - item.Score), 0, FeedCounters.RescoreAt * item.Score);
    }

    private static ItemStats Stats(FeedItem f) => new(f.Impressions, f.Clicks, f.Watches, f.Completions, f.Likes, f.Shares, f.Orders, f.Gmv);
}
