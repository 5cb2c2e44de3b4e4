using Sprig.Distribution;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>What a node's social copy says friends did: distinct friends per item, over the newest likes and shares only.</summary>
public sealed class SocialSignalsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFriendWhoLikedAndSharedAnItem_AndSharedItAgain_CountsOnce(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, shopId, p) = await ShopWithProductsAsync(market, 2);
        var users = await market.Host.UsersAsync(2);
        var (a, b) = (users[0], users[1]);
        var now = market.Host.Clock.GetUtcNow();
        await LikeAsync(market, a, p[0]);
        await LikeAsync(market, a, p[1]);
        await ShareAsync(market, a, shopId, p[0], now, times: 2);
        await ShareAsync(market, b, shopId, p[0], now, times: 1);

        var signals = await SignalsAsync(market, [a.UserId, b.UserId], now.AddDays(-30));

        Assert.Equal(new Dictionary<Guid, int> { [Guid.Parse(p[0])] = 2, [Guid.Parse(p[1])] = 1 }, signals);
    }

    /// <summary>The newest <see cref="SocialCache.MaxSignals"/> shares of all the friends count, whoever made them; the older ones do not.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnlyTheNewestSharesOfAllFriendsCount(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, shopId, p) = await ShopWithProductsAsync(market, 2);
        var users = await market.Host.UsersAsync(2);
        var (older, newer) = (users[0], users[1]);
        var now = market.Host.Clock.GetUtcNow();
        await ShareAsync(market, older, shopId, p[0], now.AddHours(-2), times: 5);
        await ShareAsync(market, newer, shopId, p[1], now.AddHours(-1), times: SocialCache.MaxSignals - 1);
        var since = now.AddDays(-30);

        // one of the older friend's shares is among the newest 500
        Assert.Equal(new Dictionary<Guid, int> { [Guid.Parse(p[0])] = 1, [Guid.Parse(p[1])] = 1 }, await SignalsAsync(market, [older.UserId, newer.UserId], since));

        await ShareAsync(market, newer, shopId, p[1], now.AddMinutes(-1), times: 1);
        // now the newer friend's 500 are the newest: the older friend's fall outside, in either order of the friends
        Assert.Equal(new Dictionary<Guid, int> { [Guid.Parse(p[1])] = 1 }, await SignalsAsync(market, [older.UserId, newer.UserId], since));
        Assert.Equal(new Dictionary<Guid, int> { [Guid.Parse(p[1])] = 1 }, await SignalsAsync(market, [newer.UserId, older.UserId], since));
    }

    private static Task<Dictionary<Guid, int>> SignalsAsync(Market market, Guid[] users, DateTimeOffset since) => market.Host.WithDbAsync(async db =>
    {
        var social = market.Host.Service<SocialCache>();
        await social.SyncAsync(db, default);
        return await social.SignalsAsync(db, users, since, default);
    });
}
