using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Content;

/// <summary>Videos and posts: who publishes, which cards they may pin, what others see, and edits and removal.</summary>
public sealed class ContentTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MerchantVideo_WithItsShopsProducts_IsPublished_SeenByAnyone_ListedAndInDistribution(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (tee, _) = await market.ListProductAsync(merchant, shopId, (5_900, 10), (6_900, 10));
        var (mug, _) = await market.ListProductAsync(merchant, shopId, (2_900, 10));

        var video = await Studio.PostAsync(merchant, new
        {
            kind = "video", title = "夏天穿什么 T 恤", body = "260g 精梳棉，M/L/XL，¥59 起。", mediaUrl = "https://cdn.example.com/v/tee.mp4", durationSeconds = 62,
            productIds = new[] { tee, mug, tee },
        });
        var id = video["id"]!.GetValue<string>();
        Assert.Equal(("published", "video", shopId), (video["status"]!.GetValue<string>(), video["kind"]!.GetValue<string>(), video["shopId"]!.GetValue<string>()));
        var cards = video["cards"]!.AsArray();
        Assert.Equal([tee, mug], cards.Select(c => c!["productId"]!.GetValue<string>()));   // the same product twice is one card
        Assert.Equal(("ownShop", 5_900L, "纯棉 T 恤"), (cards[0]!["source"]!.GetValue<string>(), cards[0]!["minPrice"]!.GetValue<long>(), cards[0]!["title"]!.GetValue<string>()));
        Assert.Null(video["holdReason"]);

        var seen = (await market.Host.Anonymous().GetAsync($"/api/content/{id}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("夏天穿什么 T 恤", seen["title"]!.GetValue<string>());
        Assert.Equal(0, seen["likeCount"]!.GetValue<int>());
        foreach (var list in new[] { $"/api/shops/{shopId}/content", $"/api/users/{merchant.UserId}/content" })
            Assert.Contains((await market.Host.Anonymous().GetAsync(list)).Expect(HttpStatusCode.OK).Json["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == id);
        Assert.Single((await merchant.GetAsync("/api/me/content")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray());

        var item = await market.Host.WithDbAsync(db => db.FeedItems.SingleAsync(f => f.Id == Guid.Parse(id)));
        Assert.True(item.Eligible);
        Assert.Equal((Guid?)Guid.Parse(tee), item.ProductId);
        Assert.Equal((Guid?)Guid.Parse(shopId), item.ShopId);

        // a post needs no video length
        var post = await Studio.PostAsync(merchant, new { kind = "post", title = "上新预告", mediaUrl = "https://cdn.example.com/p/1.jpg", productIds = Array.Empty<string>() });
        Assert.Equal("post", post["kind"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cards_OnlyListedProducts_ShopsPinTheirOwn_CreatorsPinOthersOnlyThroughAJoinedAffiliatePlan(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (other, otherShopId) = await market.OpenShopAsync();
        var (own, _) = await market.ListProductAsync(merchant, shopId);
        var (theirs, _) = await market.ListProductAsync(other, otherShopId);
        var draft = (await merchant.PostAsync($"/api/shops/{shopId}/products", new
        {
            title = "草稿", categoryId = await market.LeafCategoryAsync(), skus = new[] { new { name = "a", price = 100, stock = 1 } },
        })).Expect(HttpStatusCode.Created).Id;
        var creator = await market.Host.UserAsync(Role.Creator);
        var buyer = await market.Host.UserAsync();

        (await merchant.PostAsync("/api/content", Studio.Video("别家的货", theirs))).ExpectProblem(HttpStatusCode.Forbidden, "card_not_allowed");
        (await merchant.PostAsync("/api/content", Studio.Video("草稿", draft))).ExpectProblem(HttpStatusCode.Conflict, "product_not_listed");
        var unknown = (await merchant.PostAsync("/api/content", Studio.Video("无此商品", own, Guid.NewGuid().ToString()))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(unknown.Json["errors"]!["productIds[1]"]);
        var many = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid().ToString()).ToArray();
        (await merchant.PostAsync("/api/content", Studio.Video("太多", many))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync("/api/content", Studio.Video("我只是买家"))).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await merchant.PostAsync("/api/content", new { kind = "video", title = "别人的店", mediaUrl = "https://cdn.example.com/v.mp4", shopId = otherShopId, productIds = Array.Empty<string>() }))
            .ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await creator.PostAsync("/api/content", Studio.Video("带货", theirs))).ExpectProblem(HttpStatusCode.Forbidden, "card_not_allowed");
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.ContentItems.CountAsync()));

        // the creator joins the other shop's affiliate plan: now they may pin it, and the card names the promotion
        var plan = (await other.PostAsync($"/api/shops/{otherShopId}/affiliate-plans", new { productId = theirs, kind = "open", rateBps = 2_000 })).Expect(HttpStatusCode.Created).Id;
        var promotion = (await creator.PostAsync($"/api/affiliate/plans/{plan}/join", new { })).Expect(HttpStatusCode.OK).Id;
        var video = await Studio.PostAsync(creator, Studio.Video("好物分享", theirs));
        Assert.Null(video["shopId"]);
        var card = video["cards"]![0]!;
        Assert.Equal(("affiliatePlan", promotion, otherShopId), (card["source"]!.GetValue<string>(), card["promotionId"]!.GetValue<string>(), card["shopId"]!.GetValue<string>()));
        var item = await market.Host.WithDbAsync(db => db.FeedItems.SingleAsync(f => f.Id == Guid.Parse(video["id"]!.GetValue<string>())));
        Assert.Equal((Guid?)Guid.Parse(otherShopId), item.ShopId);

        // a suspended shop's products are not on sale: no new cards of them until it is reinstated
        (await market.Operator.PostAsync($"/api/ops/shops/{otherShopId}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);
        (await creator.PostAsync("/api/content", Studio.Video("停业期间带货", theirs))).ExpectProblem(HttpStatusCode.Conflict, "shop_not_open");
        (await market.Operator.PostAsync($"/api/ops/shops/{otherShopId}/reinstate")).Expect(HttpStatusCode.OK);

        // an ended plan no longer covers new content
        (await other.PostAsync($"/api/shops/{otherShopId}/affiliate-plans/{plan}/end")).Expect(HttpStatusCode.OK);
        (await creator.PostAsync("/api/content", Studio.Video("再带一次", theirs))).ExpectProblem(HttpStatusCode.Forbidden, "card_not_allowed");

        // a creator who also runs a shop pins its products as their own
        var shopOfCreator = (await creator.PostAsync("/api/shops", new { name = "达人小店", kind = "individual" })).Expect(HttpStatusCode.Created).Id;
        (await market.Operator.PostAsync($"/api/ops/shops/{shopOfCreator}/approve")).Expect(HttpStatusCode.OK);
        var (mine, _) = await market.ListProductAsync(creator, shopOfCreator);
        Assert.Equal("ownShop", (await Studio.PostAsync(creator, Studio.Video("自家货", mine)))["cards"]![0]!["source"]!.GetValue<string>());
        Assert.Equal(2, await market.Host.WithDbAsync(db => db.ContentItems.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadContent_Is400_AndWritesNothing(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(merchant, shopId);
        var now = market.Host.Clock.GetUtcNow();

        (await merchant.PostRawAsync("/api/content", "{\"kind\": \"video\", ")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await merchant.PostRawAsync("/api/content", "{\"kind\": \"video\", \"title\": \"t\", \"mediaUrl\": \"https://a.b/c\", \"durationSeconds\": \"long\"}"))
            .ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await merchant.PostRawAsync("/api/content", "{\"kind\": \"video\", \"title\": \"t\", \"mediaUrl\": \"https://a.b/c\", \"productIds\": [\"nope\"]}"))
            .ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        var bad = new object[]
        {
            new { },
            new { kind = "tv", title = "t", mediaUrl = "https://cdn.example.com/v.mp4" },
            new { kind = "1", title = "t", mediaUrl = "https://cdn.example.com/v.mp4" },
            new { kind = "video,live", title = "t", mediaUrl = "https://cdn.example.com/v.mp4" },
            new { kind = " 2", title = "t", mediaUrl = "https://cdn.example.com/v.mp4" },
            new { kind = "video", title = "", mediaUrl = "https://cdn.example.com/v.mp4" },
            new { kind = "video", title = new string('长', 121), mediaUrl = "https://cdn.example.com/v.mp4" },
            new { kind = "video", title = "t" },
            new { kind = "video", title = "t", mediaUrl = "ftp://cdn.example.com/v.mp4" },
            new { kind = "video", title = "t", mediaUrl = "not a url" },
            new { kind = "video", title = "t", mediaUrl = "https://cdn.example.com/v.mp4", durationSeconds = -1 },
            new { kind = "video", title = "t", mediaUrl = "https://cdn.example.com/v.mp4", durationSeconds = 100_000 },
            new { kind = "video", title = "t", mediaUrl = "https://cdn.example.com/v.mp4", body = new string('字', 5001) },
            new { kind = "video", title = "t", mediaUrl = "https://cdn.example.com/v.mp4", scheduledAt = now.AddHours(1) },
            new { kind = "live", title = "t", scheduledAt = now.AddDays(-1) },
            new { kind = "live", title = "t", scheduledAt = now.AddDays(365) },
            new { kind = "video", title = "t", mediaUrl = "https://cdn.example.com/v.mp4", shopId = Guid.NewGuid() },
        };
        foreach (var body in bad) (await merchant.PostAsync("/api/content", body)).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PostAsync("/api/content")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Host.Anonymous().PostAsync("/api/content", Studio.Video("t", product))).Expect(HttpStatusCode.Unauthorized);
        (await market.Host.Anonymous().GetAsync($"/api/content/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await market.Host.Anonymous().GetAsync("/api/content/not-an-id")).Expect(HttpStatusCode.NotFound);
        (await market.Host.Anonymous().GetAsync($"/api/shops/{Guid.NewGuid()}/content")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await market.Host.Anonymous().GetAsync($"/api/users/{Guid.NewGuid()}/content")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.GetAsync("/api/me/content?status=lost")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.GetAsync("/api/me/content?limit=1000")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.GetAsync("/api/me/content?cursor=zzz")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(0, await market.Host.WithDbAsync(db => db.ContentItems.CountAsync()));
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FeedItems.CountAsync(f => f.Kind != Sprig.Distribution.FeedItemKind.Product)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EditsAreFilteredAgain_RemovalTakesItDown_OnlyTheAuthorDoesEither(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(merchant, shopId);
        var stranger = await market.Host.UserAsync();
        var id = await Studio.VideoAsync(merchant, "真丝睡衣上新", product);
        Task<bool> Eligible() => market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.Eligible).SingleAsync());

        (await stranger.PatchAsync($"/api/content/{id}", new { title = "我的了" })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await merchant.PatchAsync($"/api/content/{id}", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PatchAsync($"/api/content/{id}", new { title = "" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        var spam = (await merchant.PatchAsync($"/api/content/{id}", new { body = "更便宜的加我微信 silk888" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("heldForReview", spam["status"]!.GetValue<string>());
        Assert.Contains("off the platform", spam["holdReason"]!.GetValue<string>());
        Assert.False(await Eligible());
        (await stranger.GetAsync($"/api/content/{id}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");

        var clean = (await merchant.PatchAsync($"/api/content/{id}", new { title = "真丝睡衣上新 22 姆米", body = "" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("published", clean["status"]!.GetValue<string>());
        Assert.Null(clean["body"]);
        Assert.True(await Eligible());
        Assert.Equal("真丝睡衣上新 22 姆米", await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.Title).SingleAsync()));

        (await stranger.SendAsync(HttpMethod.Delete, $"/api/content/{id}", null)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await merchant.SendAsync(HttpMethod.Delete, $"/api/content/{id}", null)).Expect(HttpStatusCode.NoContent);
        Assert.False(await Eligible());
        (await stranger.GetAsync($"/api/content/{id}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.GetAsync($"/api/content/{id}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.PatchAsync($"/api/content/{id}", new { title = "复活" })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await merchant.GetAsync($"/api/shops/{shopId}/content")).Json["items"]!.AsArray());
        Assert.Empty((await merchant.GetAsync("/api/me/content")).Json["items"]!.AsArray());
        Assert.Single((await merchant.GetAsync("/api/me/content?status=removed")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Lists_ArePaged_NewestFirst()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await Studio.VideoAsync(merchant, $"第 {i} 条"));
        var first = (await merchant.GetAsync($"/api/shops/{shopId}/content?limit=3")).Expect(HttpStatusCode.OK).Json;
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = (await merchant.GetAsync($"/api/shops/{shopId}/content?limit=3&cursor={cursor}")).Expect(HttpStatusCode.OK).Json;
        Assert.Null(second["nextCursor"]);
        var seen = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(c => c!["id"]!.GetValue<string>());
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    /// <summary>A suspended shop's content stays out of the feed whatever its author or an operator does, until the shop is reinstated.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASuspendedShopsContent_StaysOutOfTheFeedThroughEditsAndApprovals_UntilReinstated(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var clean = await Studio.VideoAsync(merchant, "真丝睡衣上新");
        var held = (await Studio.PostAsync(merchant, Studio.Video("加微信 abc12345 领券")))["id"]!.GetValue<string>();
        Task<bool> Eligible(string id) => market.Host.WithDbAsync(db => db.FeedItems.AnyAsync(f => f.Id == Guid.Parse(id) && f.Eligible));
        Assert.True(await Eligible(clean));

        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);
        (await merchant.PatchAsync($"/api/content/{clean}", new { title = "真丝睡衣上新 22 姆米" })).Expect(HttpStatusCode.OK);
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{held}/approve")).Expect(HttpStatusCode.OK);
        Assert.False(await Eligible(clean));
        Assert.False(await Eligible(held));

        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/reinstate")).Expect(HttpStatusCode.OK);
        Assert.True(await Eligible(clean));
        Assert.True(await Eligible(held));
    }

    /// <summary>A NUL in a text is a 400 before anything is written (PostgreSQL would refuse it at the commit, as a 500).</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATextWithANul_IsAClear400_AndWritesNothing(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, _) = await market.OpenShopAsync();
        var video = await Studio.VideoAsync(merchant, "新品开箱");
        var buyer = await market.Host.UserAsync();
        var before = await market.Host.WithDbAsync(db => db.ContentItems.CountAsync());

        (await merchant.PostAsync("/api/content", Studio.Video("新品\u0000开箱"))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PatchAsync($"/api/content/{video}", new { title = "改\u0000名" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await buyer.PostAsync($"/api/content/{video}/comments", new { text = "好\u0000看" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(before, await market.Host.WithDbAsync(db => db.ContentItems.CountAsync()));
        Assert.Equal("新品开箱", (await merchant.GetAsync($"/api/content/{video}")).Json["title"]!.GetValue<string>());
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.Comments.CountAsync()));
    }
}
