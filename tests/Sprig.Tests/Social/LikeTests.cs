using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Social;

/// <summary>Likes: twice is once, unliking what one never liked changes nothing, and the counters equal the rows under a hammer.</summary>
public sealed class LikeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LikesOnContentAndProducts_AreIdempotent_AndCounted(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(merchant, shopId);
        var users = await market.Host.UsersAsync(2);
        var id = await Studio.VideoAsync(merchant, "开箱", product);

        var liked = (await users[0].PostAsync($"/api/content/{id}/like")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((true, 1L), (liked["liked"]!.GetValue<bool>(), liked["likeCount"]!.GetValue<long>()));
        Assert.Equal(1, (await users[0].PostAsync($"/api/content/{id}/like")).Expect(HttpStatusCode.OK).Json["likeCount"]!.GetValue<long>());
        Assert.Equal(2, (await users[1].PostAsync($"/api/content/{id}/like")).Expect(HttpStatusCode.OK).Json["likeCount"]!.GetValue<long>());
        var seen = (await users[0].GetAsync($"/api/content/{id}")).Json;
        Assert.Equal((2, true), (seen["likeCount"]!.GetValue<int>(), seen["liked"]!.GetValue<bool>()));
        var unliked = (await users[0].SendAsync(HttpMethod.Delete, $"/api/content/{id}/like", null)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((false, 1L), (unliked["liked"]!.GetValue<bool>(), unliked["likeCount"]!.GetValue<long>()));
        Assert.Equal(1, (await users[0].SendAsync(HttpMethod.Delete, $"/api/content/{id}/like", null)).Expect(HttpStatusCode.OK).Json["likeCount"]!.GetValue<long>());

        (await users[0].PostAsync($"/api/products/{product}/like")).Expect(HttpStatusCode.OK);
        (await users[0].PostAsync($"/api/products/{product}/like")).Expect(HttpStatusCode.OK);
        var social = (await market.Host.Anonymous().GetAsync($"/api/products/{product}/social")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((1L, false), (social["likeCount"]!.GetValue<long>(), social["liked"]!.GetValue<bool>()));
        Assert.True((await users[0].GetAsync($"/api/products/{product}/social")).Json["liked"]!.GetValue<bool>());

        // what the feed reads: a like is one row with the target's shop, and the feed item counts it
        var like = await market.Host.WithDbAsync(db => db.Likes.SingleAsync(l => l.TargetId == Guid.Parse(product)));
        Assert.Equal((Sprig.Social.SignalTarget.Product, Guid.Parse(shopId)), (like.TargetKind, like.ShopId));
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.Likes).SingleAsync()));
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(product)).Select(f => f.Likes).SingleAsync()));

        (await users[0].PostAsync($"/api/content/{Guid.NewGuid()}/like")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await users[0].PostAsync($"/api/products/{Guid.NewGuid()}/like")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await users[0].SendAsync(HttpMethod.Delete, $"/api/products/{Guid.NewGuid()}/like", null)).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await market.Host.Anonymous().PostAsync($"/api/content/{id}/like")).Expect(HttpStatusCode.Unauthorized);
        // a suspended shop's video and products take no likes or shares meanwhile (an unlike still goes through), and a link to them is not available
        var link = (await users[0].PostAsync($"/api/content/{id}/share")).Expect(HttpStatusCode.Created).Id;
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);
        (await users[0].PostAsync($"/api/content/{id}/like")).ExpectProblem(HttpStatusCode.Conflict, "shop_not_open");
        (await users[1].PostAsync($"/api/products/{product}/share")).ExpectProblem(HttpStatusCode.Conflict, "shop_not_open");
        (await users[1].SendAsync(HttpMethod.Delete, $"/api/content/{id}/like", null)).Expect(HttpStatusCode.OK);
        Assert.False((await market.Host.Anonymous().GetAsync($"/api/shares/{link}")).Expect(HttpStatusCode.OK).Json["available"]!.GetValue<bool>());
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/reinstate")).Expect(HttpStatusCode.OK);
        Assert.True((await market.Host.Anonymous().GetAsync($"/api/shares/{link}")).Expect(HttpStatusCode.OK).Json["available"]!.GetValue<bool>());

        (await merchant.PostAsync($"/api/shops/{shopId}/products/{product}/delist")).Expect(HttpStatusCode.OK);
        (await users[1].PostAsync($"/api/products/{product}/like")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.PostAsync($"/api/products/{product}/like")).ExpectProblem(HttpStatusCode.Conflict, "product_not_listed");
    }

    public static TheoryData<string, bool> Setups => new() { { "sqlite", false }, { "postgres", false }, { "postgres", true } };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Hammer_ManyRacingLikesAndUnlikes_LeaveTheCountersEqualToTheRows(string provider, bool twoHosts)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, _) = await market.OpenShopAsync();
        var id = await Studio.VideoAsync(merchant, "爆款");
        await using var second = twoHosts ? new TestHost(market.Host.Database, demo: false) : null;
        // with two hosts, every other user talks to the second node
        var users = (await market.Host.UsersAsync(200)).Select((u, i) => second is not null && i % 2 == 1 ? u.On(second) : u).ToList();
        async Task<(int Count, int Rows, long Feed)> CountsAsync() => (
            (await merchant.GetAsync($"/api/content/{id}")).Json["likeCount"]!.GetValue<int>(),
            await market.Host.WithDbAsync(db => db.Likes.CountAsync(l => l.TargetId == Guid.Parse(id))),
            await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.Likes).SingleAsync()));

        // everyone likes three times at once
        var likes = users.SelectMany(u => Enumerable.Repeat(u, 3)).Select(u => u.PostAsync($"/api/content/{id}/like"));
        Assert.All(await Task.WhenAll(likes), r => r.Expect(HttpStatusCode.OK));
        Assert.Equal((200, 200, 200L), await CountsAsync());

        // the first half unlike twice at once while the second half like again
        var mixed = users.Take(100).SelectMany(u => new[] { u, u }).Select(u => u.SendAsync(HttpMethod.Delete, $"/api/content/{id}/like", null))
            .Concat(users.Skip(100).Select(u => u.PostAsync($"/api/content/{id}/like")));
        Assert.All(await Task.WhenAll(mixed), r => r.Expect(HttpStatusCode.OK));
        Assert.Equal((100, 100, 100L), await CountsAsync());

        // a free-for-all: every user likes and unlikes at once; whatever wins, the counters agree with the rows
        var chaos = users.SelectMany((u, i) => i % 2 == 0
            ? new[] { u.PostAsync($"/api/content/{id}/like"), u.SendAsync(HttpMethod.Delete, $"/api/content/{id}/like", null), u.PostAsync($"/api/content/{id}/like") }
            : new[] { u.SendAsync(HttpMethod.Delete, $"/api/content/{id}/like", null), u.PostAsync($"/api/content/{id}/like") });
        Assert.All(await Task.WhenAll(chaos), r => r.Expect(HttpStatusCode.OK));
        var (count, rows, feed) = await CountsAsync();
        Assert.Equal(rows, count);
        Assert.Equal(rows, feed);
        Assert.InRange(rows, 0, 200);
    }
}
