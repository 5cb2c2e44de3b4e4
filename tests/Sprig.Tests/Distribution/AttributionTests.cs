using System.Net;
using System.Text.Json.Nodes;
using Sprig.Social;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>What brought an order is snapshotted on it from the platform's records, and paid orders credit the item.</summary>
public sealed class AttributionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOrderFromAFeedImpression_RecordsItsPoolAndScene_AndItsPaymentCreditsTheItem(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (8_800, 10));
        var buyer = await market.Host.UserAsync();
        var impression = (await FeedAsync(buyer))[0]!["impressionId"]!.GetValue<string>();

        var order = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 2 } }, address = Market.Address, impressionId = impression }))
            .Expect(HttpStatusCode.Created).Json;
        Assert.Equal("feed", order["scene"]!.GetValue<string>());
        Assert.Equal("coldStart", order["trafficPool"]!.GetValue<string>());
        Assert.Equal(impression, order["impressionId"]!.GetValue<string>());
        (await buyer.PostAsync($"/api/orders/{order["id"]}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);

        var item = await ItemAsync(market, productId);
        Assert.Equal(1, item.Orders);
        Assert.Equal(17_600, item.Gmv);
        Assert.Equal(1, item.TierOrders);
    }

    /// <summary>An impression id is a page's id and a slot: one buyer's, sent by another with an order, credits nothing.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOrderNamingAnotherBuyersImpression_KeepsNoneOfIt_AndItsPaymentCreditsNoItem(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (8_800, 10));
        var users = await market.Host.UsersAsync(2);
        var impression = (await FeedAsync(users[0]))[0]!["impressionId"]!.GetValue<string>();

        var order = (await users[1].PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, impressionId = impression }))
            .Expect(HttpStatusCode.Created).Json;
        Assert.Null(order["impressionId"]);
        Assert.Null(order["trafficPool"]);
        Assert.NotEqual("feed", order["scene"]?.GetValue<string>());
        (await users[1].PostAsync($"/api/orders/{order["id"]}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);

        var item = await ItemAsync(market, productId);
        Assert.Equal(0, item.Orders);
        Assert.Equal(0, item.TierOrders);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOrderFromASharedLink_CreditsTheSharerChain_AndRecordsSceneShare(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (8_800, 10));
        var users = await market.Host.UsersAsync(3);
        var (first, second, buyer) = (users[0], users[1], users[2]);
        var shareId = Guid.NewGuid();
        await market.Host.WithDbAsync(db =>
        {
            db.Shares.Add(new Share
            {
                Id = shareId, UserId = second.UserId, TargetId = Guid.Parse(productId), TargetKind = SignalTarget.Product, ShopId = Guid.Parse(shopId),
                Chain = $"{first.UserId},{second.UserId}", CreatedAt = market.Host.Clock.GetUtcNow(),
            });
            SocialChange.Of(db, second.UserId);
            return db.SaveChangesAsync();
        });

        var order = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, shareId, scene = "feed" }))
            .Expect(HttpStatusCode.Created).Json;

        Assert.Equal("share", order["scene"]!.GetValue<string>());
        Assert.Equal(new[] { first.UserId.ToString(), second.UserId.ToString() }, order["sharerChain"]!.AsArray().Select(x => x!.GetValue<string>()));
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, shareId = Guid.NewGuid() }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, shareId = "x" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>
    /// The scenes the platform keeps records of come from them: a client saying "share" with a made-up chain, or "live"
    /// with no room, gets neither (the private-domain fee program charges share orders 1%), and a real share link of
    /// another shop's product credits nothing on this order.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SceneShareOrLive_OnTheClientsWordOrFromALinkToSomethingElse_IsNotRecorded(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (8_800, 10));
        var (otherMerchant, otherShop) = await market.OpenShopAsync();
        var (otherProduct, _) = await market.ListProductAsync(otherMerchant, otherShop, (1_000, 10));
        var users = await market.Host.UsersAsync(2);
        var (sharer, buyer) = (users[0], users[1]);
        var shareOfOther = (await sharer.PostAsync($"/api/products/{otherProduct}/share")).Expect(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        var line = new[] { new { skuId = skus[0], quantity = 1 } };
        async Task<JsonNode> OrderAsync(object body) => (await buyer.PostAsync("/api/orders", body)).Expect(HttpStatusCode.Created).Json;

        var claimed = await OrderAsync(new { items = line, address = Market.Address, scene = "share", sharerChain = new[] { sharer.UserId, Guid.NewGuid() }, trafficPool = "tier4" });
        var noRoom = await OrderAsync(new { items = line, address = Market.Address, scene = "live" });
        var elsewhere = await OrderAsync(new { items = line, address = Market.Address, shareId = shareOfOther, scene = "search" });

        Assert.Equal(("other", 0), (claimed["scene"]!.GetValue<string>(), claimed["sharerChain"]!.AsArray().Count));
        Assert.Null(claimed["trafficPool"]);
        Assert.Equal("other", noRoom["scene"]!.GetValue<string>());
        Assert.Equal(("search", 0), (elsewhere["scene"]!.GetValue<string>(), elsewhere["sharerChain"]!.AsArray().Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOrderFromALiveRoom_RecordsSceneLive_AndTheSession(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (8_800, 10));
        var liveId = Guid.NewGuid();
        await market.Host.WithDbAsync(db =>
        {
            db.ContentItems.Add(new Sprig.Content.ContentItem
            {
                Id = liveId, AuthorId = merchant.UserId, ShopId = Guid.Parse(shopId), Kind = Sprig.Content.ContentKind.Live, Title = "直播间",
                MediaUrl = "https://live.example/1", Status = Sprig.Content.ContentStatus.Published, LiveStatus = Sprig.Content.LiveStatus.OnAir,
                CreatedAt = market.Host.Clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });
        var buyer = await market.Host.UserAsync();

        var order = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, contentId = liveId.ToString() }))
            .Expect(HttpStatusCode.Created).Json;

        Assert.Equal("live", order["scene"]!.GetValue<string>());
        Assert.Equal(liveId.ToString(), order["contentId"]!.GetValue<string>());
        Assert.Null(order["creatorId"]); // a shop's own live room credits no creator

        // a room opened from the feed is still the room (the page says "feed" on the way in)
        var fromFeed = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address,
            contentId = liveId.ToString("N"), scene = "feed" })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(("live", liveId.ToString()), (fromFeed["scene"]!.GetValue<string>(), fromFeed["contentId"]!.GetValue<string>()));

        // another shop's room, showing nothing of this order, is not credited with it
        var (otherMerchant, otherShop) = await market.OpenShopAsync();
        var (_, otherSkus) = await market.ListProductAsync(otherMerchant, otherShop, (1_000, 10));
        var elsewhere = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = otherSkus[0], quantity = 1 } }, address = Market.Address,
            contentId = liveId.ToString() })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("other", elsewhere["scene"]!.GetValue<string>());
        Assert.Null(elsewhere["contentId"]);
    }
}
