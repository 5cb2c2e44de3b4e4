using System.Diagnostics;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>
/// A node's candidate lists with a real refresh period: a feed that finds them stale is served them while one reload runs
/// in the background, and a node left quiet for many periods reloads before it serves.
/// </summary>
public sealed class CandidateReloadTests
{
    private static Task<Market> StartAsync(string provider, int refreshMilliseconds) =>
        FeedWorld.StartAsync(provider, new Dictionary<string, string> { ["Sprig:Distribution:RefreshMilliseconds"] = refreshMilliseconds.ToString() });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StaleLists_AreServedWithoutWaiting_AndANewListingIsInWithinAReload(string provider)
    {
        await using var market = await StartAsync(provider, refreshMilliseconds: 500);
        var (merchant, shopId, first) = await ShopWithProductsAsync(market, 1);
        var buyer = await market.Host.UserAsync();
        Assert.Equal(first, (await FeedAsync(buyer)).Select(Product)); // the lists are read now, with the first product only

        var later = (await market.ListProductAsync(merchant, shopId, (2_000, 100))).ProductId;
        await Task.Delay(700); // past the refresh period, well inside ten of them

        Assert.Empty(await FeedAsync(buyer)); // the stale lists: the first product was seen, the new one is not in them yet
        var clock = Stopwatch.StartNew();
        var items = await FeedAsync(buyer);
        while (items.Count == 0 && clock.ElapsedMilliseconds < 4_000)
        {
            await Task.Delay(25);
            items = await FeedAsync(buyer);
        }
        Assert.Equal([later], items.Select(Product)); // the reload the stale page started, long before the inline one at 5 s
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANodeLeftQuietForTenRefreshes_ReloadsBeforeItServes(string provider)
    {
        await using var market = await StartAsync(provider, refreshMilliseconds: 100);
        var (merchant, shopId, first) = await ShopWithProductsAsync(market, 1);
        var buyer = await market.Host.UserAsync();
        Assert.Equal(first, (await FeedAsync(buyer)).Select(Product));

        var later = (await market.ListProductAsync(merchant, shopId, (2_000, 100))).ProductId;
        await Task.Delay(1_200);

        Assert.Equal([later], (await FeedAsync(buyer)).Select(Product));
    }
}
