using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Social;

/// <summary>The social graph: follows of users and shops, friendships by mutual request, and the counts on a profile.</summary>
public sealed class GraphTests
{
    private static async Task<JsonNode> ProfileAsync(Api api, Guid userId) => (await api.GetAsync($"/api/users/{userId}")).Expect(HttpStatusCode.OK).Json;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Follows_AreIdempotent_Counted_AndRefuseSelfAndTheUnknown(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var users = await market.Host.UsersAsync(3);
        var (me, creator, other) = (users[0], users[1], users[2]);

        var followed = (await me.PostAsync($"/api/users/{creator.UserId}/follow")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((true, 1), (followed["following"]!.GetValue<bool>(), followed["followers"]!.GetValue<int>()));
        Assert.Equal(1, (await me.PostAsync($"/api/users/{creator.UserId}/follow")).Expect(HttpStatusCode.OK).Json["followers"]!.GetValue<int>());
        market.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await other.PostAsync($"/api/users/{creator.UserId}/follow")).Expect(HttpStatusCode.OK);
        (await creator.PostAsync($"/api/users/{me.UserId}/follow")).Expect(HttpStatusCode.OK);
        market.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await me.PostAsync($"/api/shops/{shopId}/follow")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (await me.PostAsync($"/api/shops/{shopId}/follow")).Expect(HttpStatusCode.OK).Json["followers"]!.GetValue<int>());

        var profile = await ProfileAsync(me, creator.UserId);
        Assert.Equal((2, 1, 0), (profile["followers"]!.GetValue<int>(), profile["following"]!.GetValue<int>(), profile["friends"]!.GetValue<int>()));
        Assert.Equal((true, true, "none"), (profile["you"]!["following"]!.GetValue<bool>(), profile["you"]!["followsYou"]!.GetValue<bool>(), profile["you"]!["friend"]!.GetValue<string>()));
        Assert.Null(profile["email"]);
        Assert.Null((await ProfileAsync(market.Host.Anonymous(), creator.UserId))["you"]);
        Assert.Equal(2, (await ProfileAsync(me, me.UserId))["following"]!.GetValue<int>());    // a user and a shop
        var shop = (await market.Host.Anonymous().GetAsync($"/api/shops/{shopId}/social")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((1, false), (shop["followers"]!.GetValue<int>(), shop["following"]!.GetValue<bool>()));
        Assert.True((await me.GetAsync($"/api/shops/{shopId}/social")).Json["following"]!.GetValue<bool>());

        var following = (await me.GetAsync($"/api/users/{me.UserId}/following")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(["shop", "user"], following.Select(f => f!["targetKind"]!.GetValue<string>()));   // newest first
        Assert.Equal("测试小店", following[0]!["name"]!.GetValue<string>());
        var followers = (await me.GetAsync($"/api/users/{creator.UserId}/followers?limit=1")).Expect(HttpStatusCode.OK).Json;
        var next = (await me.GetAsync($"/api/users/{creator.UserId}/followers?limit=1&cursor={followers["nextCursor"]}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([other.UserId.ToString(), me.UserId.ToString()],
            followers["items"]!.AsArray().Concat(next["items"]!.AsArray()).Select(f => f!["userId"]!.GetValue<string>()));
        Assert.Null(next["nextCursor"]);
        Assert.Equal(me.UserId.ToString(), (await me.GetAsync($"/api/shops/{shopId}/followers")).Json["items"]![0]!["userId"]!.GetValue<string>());

        var unfollowed = (await me.SendAsync(HttpMethod.Delete, $"/api/users/{creator.UserId}/follow", null)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((false, 1), (unfollowed["following"]!.GetValue<bool>(), unfollowed["followers"]!.GetValue<int>()));
        (await me.SendAsync(HttpMethod.Delete, $"/api/users/{creator.UserId}/follow", null)).Expect(HttpStatusCode.OK);
        (await me.SendAsync(HttpMethod.Delete, $"/api/shops/{shopId}/follow", null)).Expect(HttpStatusCode.OK);

        var before = await market.Host.WithDbAsync(db => db.Follows.CountAsync());
        (await me.PostAsync($"/api/users/{me.UserId}/follow")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync($"/api/shops/{shopId}/follow")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await me.PostAsync($"/api/users/{Guid.NewGuid()}/follow")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await me.PostAsync($"/api/shops/{Guid.NewGuid()}/follow")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await me.GetAsync($"/api/users/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await me.GetAsync($"/api/users/{creator.UserId}/followers?cursor=bm9wZQ")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Host.Anonymous().PostAsync($"/api/users/{creator.UserId}/follow")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await market.Host.WithDbAsync(db => db.Follows.CountAsync()));

        // racing follows of one pair: still one
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => other.PostAsync($"/api/shops/{shopId}/follow")));
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.Follows.CountAsync(f => f.TargetId == Guid.Parse(shopId))));

        // the shop's analytics count new followers, not follows: following and unfollowing in a loop is one new follower
        for (var i = 0; i < 5; i++)
        {
            (await me.PostAsync($"/api/shops/{shopId}/follow")).Expect(HttpStatusCode.OK);
            (await me.SendAsync(HttpMethod.Delete, $"/api/shops/{shopId}/follow", null)).Expect(HttpStatusCode.OK);
        }
        Assert.Equal(2, await market.Host.WithDbAsync(db => db.Facts.CountAsync(f => f.Kind == Sprig.Analytics.FactKind.Follow && f.ShopId == Guid.Parse(shopId))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Friendship_IsARequestAcceptedByTheOthersRequest_ListedAndUndone(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var users = await market.Host.UsersAsync(3);
        var (a, b, c) = (users[0], users[1], users[2]);

        var asked = (await a.PostAsync($"/api/friends/{b.UserId}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("requested", asked["status"]!.GetValue<string>());
        Assert.Equal("requested", (await a.PostAsync($"/api/friends/{b.UserId}")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Equal("incoming", (await ProfileAsync(b, a.UserId))["you"]!["friend"]!.GetValue<string>());
        var incoming = (await b.GetAsync("/api/me/friend-requests")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(a.UserId.ToString(), Assert.Single(incoming)!["userId"]!.GetValue<string>());
        Assert.Single((await a.GetAsync("/api/me/friend-requests?direction=outgoing")).Json["items"]!.AsArray());
        Assert.Empty((await a.GetAsync("/api/me/friends")).Json["items"]!.AsArray());

        Assert.Equal("friends", (await b.PostAsync($"/api/friends/{a.UserId}")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Equal("friends", (await a.PostAsync($"/api/friends/{b.UserId}")).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Equal(b.UserId.ToString(), Assert.Single((await a.GetAsync("/api/me/friends")).Json["items"]!.AsArray())!["userId"]!.GetValue<string>());
        Assert.Equal(a.UserId.ToString(), Assert.Single((await b.GetAsync("/api/me/friends")).Json["items"]!.AsArray())!["userId"]!.GetValue<string>());
        Assert.Empty((await b.GetAsync("/api/me/friend-requests")).Json["items"]!.AsArray());
        Assert.Equal(1, (await ProfileAsync(c, a.UserId))["friends"]!.GetValue<int>());

        // c asks a; a declines (DELETE), then a unfriends b
        (await c.PostAsync($"/api/friends/{a.UserId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("none", (await a.SendAsync(HttpMethod.Delete, $"/api/friends/{c.UserId}", null)).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        Assert.Empty((await a.GetAsync("/api/me/friend-requests")).Json["items"]!.AsArray());
        (await a.SendAsync(HttpMethod.Delete, $"/api/friends/{b.UserId}", null)).Expect(HttpStatusCode.OK);
        Assert.Empty((await b.GetAsync("/api/me/friends")).Json["items"]!.AsArray());
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.Friendships.CountAsync()));

        (await a.PostAsync($"/api/friends/{a.UserId}")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/friends/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await a.GetAsync("/api/me/friend-requests?direction=sideways")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FriendRequests.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BothSidesAskingAtTheSameMoment_EndAsFriends(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var users = await market.Host.UsersAsync(60);
        var pairs = users.Chunk(2).Select(p => (p[0], p[1])).ToList();

        var replies = await Task.WhenAll(pairs.SelectMany(p => new[] { p.Item1.PostAsync($"/api/friends/{p.Item2.UserId}"), p.Item2.PostAsync($"/api/friends/{p.Item1.UserId}") }));

        Assert.All(replies, r => r.Expect(HttpStatusCode.OK));
        Assert.Equal(60, await market.Host.WithDbAsync(db => db.Friendships.CountAsync()));
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FriendRequests.CountAsync()));
    }
}
