using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Distribution;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>The three tabs and the page rules of DOMAIN.md (Distribution), through the real host on a real database.</summary>
public sealed class FeedTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Friends_AnItemTwoFriendsLiked_ShowsTwoFriendsLiked_AndRanksAboveOneLikedByOne(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, products) = await ShopWithProductsAsync(market, 3);
        var users = await market.Host.UsersAsync(4);
        var (buyer, f1, f2, f3) = (users[0], users[1], users[2], users[3]);
        foreach (var f in new[] { f1, f2, f3 }) await BefriendAsync(market, buyer, f);
        await LikeAsync(market, f3, products[0]);
        await LikeAsync(market, f1, products[1]);
        await LikeAsync(market, f2, products[1]);

        var items = await FeedAsync(buyer, "friends");

        Assert.Equal(2, items.Count);
        Assert.Equal(products[1], Product(items[0]));
        Assert.Equal(2, items[0]!["reason"]!["friendsLiked"]!.GetValue<int>());
        Assert.Equal("private", Source(items[0]));
        Assert.Equal(products[0], Product(items[1]));
        Assert.Equal(1, items[1]!["reason"]!["friendsLiked"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(items[0]!["impressionId"]!.GetValue<string>()));
    }

    /// <summary>
    /// The friends tab has no other source: when the items friends engaged with most come from three shops (two a page),
    /// the page still fills from the rest, rather than ending the tab at six items.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Friends_WhenTheMostLikedItemsAreOfAFewShops_ThePageStillFillsFromTheRest(string provider)
    {
        await using var market = await StartAsync(provider);
        var popular = new List<string>();
        for (var s = 0; s < 3; s++) popular.AddRange((await ShopWithProductsAsync(market, 12)).ProductIds);
        var others = new List<string>();
        for (var s = 0; s < 10; s++) others.AddRange((await ShopWithProductsAsync(market, 2)).ProductIds);
        var users = await market.Host.UsersAsync(3);
        var (buyer, f1, f2) = (users[0], users[1], users[2]);
        await BefriendAsync(market, buyer, f1);
        await BefriendAsync(market, buyer, f2);
        foreach (var p in popular) { await LikeAsync(market, f1, p); await LikeAsync(market, f2, p); }
        foreach (var p in others) await LikeAsync(market, f1, p);

        var items = await FeedAsync(buyer, "friends");

        Assert.Equal(20, items.Count);
        Assert.Equal(6, items.Count(i => popular.Contains(Product(i))));
        Assert.All(items.Take(6), i => Assert.Equal(2, i!["reason"]!["friendsLiked"]!.GetValue<int>()));
    }

    /// <summary>
    /// An item that cannot be served is never seen, so it never leaves the top of the friends' ranking: the page reads past
    /// those of a suspended shop (more than the tab reads in one go) to what can be shown.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Friends_ItemsOfASuspendedShop_DoNotHideWhatFriendsLikedElsewhere(string provider)
    {
        await using var market = await StartAsync(provider);
        var dead = BuyerView.MaxSignalledForFriends + 5;
        var (_, suspended, closedItems) = await ShopWithProductsAsync(market, dead);
        var (_, _, open) = await ShopWithProductsAsync(market, 2);
        var users = await market.Host.UsersAsync(3);
        var (buyer, f1, f2) = (users[0], users[1], users[2]);
        await BefriendAsync(market, buyer, f1);
        await BefriendAsync(market, buyer, f2);
        foreach (var p in closedItems) { await LikeAsync(market, f1, p); await LikeAsync(market, f2, p); }
        foreach (var p in open) await LikeAsync(market, f1, p);
        (await market.Operator.PostAsync($"/api/ops/shops/{suspended}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);

        var items = await FeedAsync(buyer, "friends");

        Assert.Equal(open.Order(), items.Select(Product).Order());
    }

    public static TheoryData<string, bool> Setups => new() { { "sqlite", false }, { "postgres", false }, { "postgres", true } };

    /// <summary>
    /// The feed reads friends and their likes from each node's copy of the social graph: a friendship, like, unlike or
    /// unfriending made through the API (on the other node, with two hosts) is in the very next page the buyer gets.
    /// </summary>
    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Friends_WhatFriendsDoOnAnyNode_IsInTheNextPage(string provider, bool twoHosts)
    {
        await using var market = await StartAsync(provider);
        var (_, _, p) = await ShopWithProductsAsync(market, 4);
        var users = await market.Host.UsersAsync(2);
        await using var second = twoHosts ? new TestHost(market.Host.Database, demo: false) : null;
        var buyer = users[0];
        var friend = second is null ? users[1] : users[1].On(second);
        async Task<List<(string Product, int Friends)>> FriendsTabAsync() =>
            (await FeedAsync(buyer, "friends")).Select(i => (Product(i), i!["reason"]!["friendsLiked"]!.GetValue<int>())).ToList();

        (await friend.PostAsync($"/api/products/{p[0]}/like")).Expect(HttpStatusCode.OK);
        Assert.Empty(await FriendsTabAsync()); // not friends yet, and the buyer's node now holds that

        (await buyer.PostAsync($"/api/friends/{friend.UserId}")).Expect(HttpStatusCode.OK);
        (await friend.PostAsync($"/api/friends/{buyer.UserId}")).Expect(HttpStatusCode.OK);
        Assert.Equal([(p[0], 1)], await FriendsTabAsync());

        (await friend.PostAsync($"/api/products/{p[1]}/like")).Expect(HttpStatusCode.OK);
        (await friend.SendAsync(HttpMethod.Delete, $"/api/products/{p[1]}/like", null)).Expect(HttpStatusCode.OK);
        (await friend.PostAsync($"/api/products/{p[2]}/like")).Expect(HttpStatusCode.OK);
        Assert.Equal([(p[2], 1)], await FriendsTabAsync()); // p[0] was seen, p[1] unliked

        (await friend.PostAsync($"/api/products/{p[3]}/like")).Expect(HttpStatusCode.OK);
        (await friend.SendAsync(HttpMethod.Delete, $"/api/friends/{buyer.UserId}", null)).Expect(HttpStatusCode.OK);
        Assert.Empty(await FriendsTabAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recommended_SocialSignal_RaisesAnItem_AndMoreFriendsRankItHigher(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, a) = await ShopWithProductsAsync(market, 1);
        var (_, _, b) = await ShopWithProductsAsync(market, 1);
        var (_, _, c) = await ShopWithProductsAsync(market, 8);
        var users = await market.Host.UsersAsync(4);
        var buyer = users[0];
        foreach (var f in users.Skip(1)) await BefriendAsync(market, buyer, f);
        await LikeAsync(market, users[1], b[0]);
        await LikeAsync(market, users[1], a[0]);
        await LikeAsync(market, users[2], a[0]);

        var items = await FeedAsync(buyer);

        var ids = items.Select(Product).ToList();
        Assert.Contains(a[0], ids);
        Assert.Contains(b[0], ids);
        Assert.True(ids.IndexOf(a[0]) < ids.IndexOf(b[0]), "two friends' like should rank above one");
        Assert.Equal(2, items.Single(i => Product(i) == a[0])!["reason"]!["friendsLiked"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnItemTheBuyerSaw_IsNotShownAgainWithin24Hours_ButIsAfter(string provider)
    {
        await using var market = await StartAsync(provider);
        for (var s = 0; s < 4; s++) await ShopWithProductsAsync(market, 2);
        var buyer = await market.Host.UserAsync();

        var first = (await FeedAsync(buyer, limit: 5)).Select(Product).ToList();
        var second = (await FeedAsync(buyer, limit: 5)).Select(Product).ToList();
        Assert.Equal(5, first.Count);
        Assert.Equal(3, second.Count); // 8 items in all
        Assert.Empty(first.Intersect(second));
        Assert.Empty(await FeedAsync(buyer, limit: 5));

        await market.AdvanceAsync(23);
        Assert.Empty(await FeedAsync(buyer, limit: 5));
        await market.AdvanceAsync(1.5);
        Assert.Equal(5, (await FeedAsync(buyer, limit: 5)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APageOfTwenty_HoldsAtMostTwoItemsOfOneShop(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, big, _) = await ShopWithProductsAsync(market, 12);
        for (var s = 0; s < 9; s++) await ShopWithProductsAsync(market, 2);
        var buyer = await market.Host.UserAsync();

        var items = await FeedAsync(buyer);

        Assert.Equal(20, items.Count);
        Assert.All(items.GroupBy(i => i!["shopId"]!.GetValue<string>()), g => Assert.True(g.Count() <= 2, $"shop {g.Key} has {g.Count()} items"));
        Assert.Equal(2, items.Count(i => i!["shopId"]!.GetValue<string>() == big));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Following_ShowsFollowedShopsAndCreators_NothingElse(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, followedShop, mine) = await ShopWithProductsAsync(market, 3);
        var (_, _, others) = await ShopWithProductsAsync(market, 3);
        var buyer = await market.Host.UserAsync();
        await market.Host.WithDbAsync(db =>
        {
            db.Follows.Add(new Sprig.Social.Follow { FollowerId = buyer.UserId, TargetKind = Sprig.Social.FollowTarget.Shop, TargetId = Guid.Parse(followedShop), CreatedAt = market.Host.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });

        var items = await FeedAsync(buyer, "following");

        Assert.Equal(2, items.Count); // the page rule holds here too
        Assert.All(items, i => Assert.Contains(Product(i), mine));
        Assert.All(items, i => Assert.Equal("private", Source(i)));
        Assert.Empty(await FeedAsync(await market.Host.UserAsync(), "following"));
        Assert.DoesNotContain(items, i => others.Contains(Product(i)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Personalisation_SwitchedOff_RecommendedShowsNoPrivateSignals(string provider)
    {
        await using var market = await StartAsync(provider);
        var (_, _, products) = await ShopWithProductsAsync(market, 2);
        var users = await market.Host.UsersAsync(3);
        var (off, on, liker) = (users[0], users[1], users[2]);
        await BefriendAsync(market, off, liker);
        await BefriendAsync(market, on, liker);
        await LikeAsync(market, liker, products[0]);
        (await off.PutAsync("/api/me/feed-preferences", new { personalised = false })).Expect(HttpStatusCode.OK);
        Assert.False((await off.GetAsync("/api/me/feed-preferences")).Expect(HttpStatusCode.OK).Json["personalised"]!.GetValue<bool>());
        Assert.True((await on.GetAsync("/api/me/feed-preferences")).Expect(HttpStatusCode.OK).Json["personalised"]!.GetValue<bool>());

        var withSignals = await FeedAsync(on);
        var without = await FeedAsync(off);

        Assert.Equal(1, withSignals.Single(i => Product(i) == products[0])!["reason"]!["friendsLiked"]!.GetValue<int>());
        Assert.Equal(2, without.Count);
        Assert.All(without, i => Assert.Equal("public", Source(i)));
        Assert.All(without, i => Assert.Null(i!["reason"]!["friendsLiked"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadFeedRequests_AreClear400s(string provider)
    {
        await using var market = await StartAsync(provider);
        var buyer = await market.Host.UserAsync();
        (await buyer.GetAsync("/api/feed?tab=popular")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.GetAsync("/api/feed?limit=0")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.GetAsync("/api/feed?limit=500")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.GetAsync("/api/feed?cursor=garbage!")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Host.Anonymous().GetAsync("/api/feed")).Expect(HttpStatusCode.Unauthorized);
        (await buyer.PostAsync("/api/events", new { type = "stare", productId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/events", new { type = "click" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/events", new { type = "click", impressionId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await buyer.PutAsync("/api/me/feed-preferences", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FeedEvents.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnotherBuyersImpression_CannotBeClickedOrOrderedFrom(string provider)
    {
        await using var market = await StartAsync(provider);
        await ShopWithProductsAsync(market, 1);
        var users = await market.Host.UsersAsync(2);
        var impression = (await FeedAsync(users[0]))[0]!["impressionId"]!.GetValue<string>();

        (await users[1].PostAsync("/api/events", new { type = "click", impressionId = impression })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await users[0].PostAsync("/api/events", new { type = "click", impressionId = impression })).Expect(HttpStatusCode.Created);
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.FeedEvents.CountAsync()));
    }
}
