using System.Diagnostics;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>
/// A node's candidate lists with a real refresh period: a feed that finds them stale is served them while one reload runs
/// in the background, and a node left quiet for many periods reloads before it serves. The items it keeps by id (what
/// friends engaged with) are no older than a refresh either.
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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnItemFriendsLiked_DelistedAfterTheNodeKeptIt_LeavesEveryFeedWithinARefresh(string provider)
    {
        await using var market = await StartAsync(provider, new Dictionary<string, string> { ["Sprig:Distribution:RefreshMilliseconds"] = "300" });
        var (merchant, shopId, products) = await ShopWithProductsAsync(market, 1);
        var friend = await market.Host.UserAsync();
        var (first, second) = (await market.Host.UserAsync(), await market.Host.UserAsync());
        await BefriendAsync(market, first, friend);
        await BefriendAsync(market, second, friend);
        await LikeAsync(market, friend, products[0]);
        Assert.Equal(products, (await FeedAsync(first, "friends")).Select(Product)); // now the node keeps the item

        (await merchant.PostAsync($"/api/shops/{shopId}/products/{products[0]}/delist")).Expect(System.Net.HttpStatusCode.OK);
        await Task.Delay(450);
        Assert.Empty(await FeedAsync(second, "friends"));
        Assert.DoesNotContain(products[0], (await FeedAsync(second)).Select(Product));
    }
}
