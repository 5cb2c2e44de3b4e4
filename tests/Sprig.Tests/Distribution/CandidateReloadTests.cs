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
    /// <summary>
    /// A node with the given refresh period whose lists were read with one product in them (the buyer's first page), then a
    /// second product listed and the given time waited.
    /// </summary>
    private static async Task<(Market Market, Api Buyer, string Later)> ListedAfterTheListsAsync(string provider, int refreshMilliseconds, int waitMilliseconds)
    {
        var market = await StartAsync(provider, new Dictionary<string, string> { ["Sprig:Distribution:RefreshMilliseconds"] = refreshMilliseconds.ToString() });
        try
        {
            var (merchant, shopId, first) = await ShopWithProductsAsync(market, 1);
            var buyer = await market.Host.UserAsync();
            Assert.Equal(first, (await FeedAsync(buyer)).Select(Product));
            var later = (await market.ListProductAsync(merchant, shopId, (2_000, 100))).ProductId;
            await Task.Delay(waitMilliseconds);
            return (market, buyer, later);
        }
        catch
        {
            await market.DisposeAsync();
            throw;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StaleLists_AreServedWithoutWaiting_AndANewListingIsInWithinAReload(string provider)
    {
        // past the refresh period, well inside ten of them
        var (market, buyer, later) = await ListedAfterTheListsAsync(provider, refreshMilliseconds: 500, waitMilliseconds: 700);
        await using var _ = market;

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
        var (market, buyer, later) = await ListedAfterTheListsAsync(provider, refreshMilliseconds: 100, waitMilliseconds: 1_200);
        await using var _ = market;

        Assert.Equal([later], (await FeedAsync(buyer)).Select(Product));
    }
}
