using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Social;

/// <summary>The demo's social shop, as a newcomer meets it: friends who liked and shared, a creator selling through a plan, a live room on air.</summary>
public sealed class DemoSocialTests
{
    [Fact]
    public async Task DemoBuyer_HasFriendsWhoLikedAndShared_FollowsShopAndCreator_AndBuysInTheLiveRoom()
    {
        await using var market = await Market.StartAsync(demo: true);
        var buyer = await market.SignInDemoAsync("buyer@demo.sprig");
        var merchant = await market.SignInDemoAsync("merchant@demo.sprig");
        var creator = await market.SignInDemoAsync("creator@demo.sprig");
        var me = (await buyer.GetAsync("/api/me")).Json["id"]!.GetValue<string>();
        var creatorMe = (await creator.GetAsync("/api/me")).Json;
        Assert.Contains("creator", creatorMe["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var shopId = (await merchant.GetAsync("/api/me/shops")).Json[0]!["id"]!.GetValue<string>();

        var friends = (await buyer.GetAsync("/api/me/friends")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(3, friends.Count);
        var following = (await buyer.GetAsync($"/api/users/{me}/following")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Contains(following, f => f!["targetKind"]!.GetValue<string>() == "shop" && f["targetId"]!.GetValue<string>() == shopId);
        Assert.Contains(following, f => f!["targetId"]!.GetValue<string>() == creatorMe["id"]!.GetValue<string>());

        // the creator's video pins the shop's serum through the affiliate plan they joined
        var creatorVideo = (await creator.GetAsync("/api/me/content")).Expect(HttpStatusCode.OK).Json["items"]![0]!;
        Assert.Equal(("video", "published", "affiliatePlan"), (creatorVideo["kind"]!.GetValue<string>(), creatorVideo["status"]!.GetValue<string>(),
            creatorVideo["cards"]![0]!["source"]!.GetValue<string>()));
        Assert.Equal(shopId, creatorVideo["cards"]![0]!["shopId"]!.GetValue<string>());

        // the shop's videos and posts, liked and shared by the buyer's friends
        var shopContent = (await buyer.GetAsync($"/api/shops/{shopId}/content")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.True(shopContent.Count >= 4);
        Assert.Contains(shopContent, c => c!["kind"]!.GetValue<string>() == "post");
        var tea = shopContent.Single(c => c!["title"]!.GetValue<string>().Contains("普洱"))!;
        Assert.Equal((2, 2, 1), (tea["likeCount"]!.GetValue<int>(), tea["shareCount"]!.GetValue<int>(), tea["commentCount"]!.GetValue<int>()));
        Assert.All(shopContent, c => Assert.NotEmpty(c!["cards"]!.AsArray()));

        // the live room is on air with a pinned product and viewers; the buyer joins and buys the pinned pot
        var live = shopContent.Single(c => c!["kind"]!.GetValue<string>() == "live")!;
        var liveId = live["id"]!.GetValue<string>();
        var room = (await buyer.GetAsync($"/api/content/{liveId}/live")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("onAir", room["live"]!["status"]!.GetValue<string>());
        Assert.Equal(3, room["live"]!["viewersNow"]!.GetValue<int>());
        var pinned = room["pinnedProduct"]!["productId"]!.GetValue<string>();
        Assert.Equal(4, (await buyer.PostAsync($"/api/content/{liveId}/live/join")).Expect(HttpStatusCode.OK).Json["live"]!["viewersNow"]!.GetValue<int>());
        var sku = (await buyer.GetAsync($"/api/products/{pinned}")).Json["skus"]![0]!;
        var order = (await buyer.PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = sku["id"]!.GetValue<string>(), quantity = 1 } }, address = Market.Address, scene = "live", contentId = liveId,
        })).Expect(HttpStatusCode.Created).Id;
        (await buyer.PostAsync($"/api/orders/{order}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        var sales = (await merchant.GetAsync($"/api/content/{liveId}/live")).Expect(HttpStatusCode.OK).Json["sales"]!;
        Assert.Equal((sku["price"]!.GetValue<long>(), 1), (sales["gmv"]!.GetValue<long>(), sales["orders"]!.GetValue<int>()));

        // every demo account signs in with the demo password
        foreach (var email in new[] { "friend1@demo.sprig", "friend2@demo.sprig", "friend3@demo.sprig" })
            Assert.NotNull(await market.SignInDemoAsync(email));
    }
}
