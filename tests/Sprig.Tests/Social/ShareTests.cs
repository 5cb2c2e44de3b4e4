using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Social;

/// <summary>Shares: the id is the link, a share from a share continues its chain, and the link resolves to what an order needs.</summary>
public sealed class ShareTests
{
    private static string[] Chain(JsonNode share) => share["chain"]!.AsArray().Select(u => u!.GetValue<string>()).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ShareFromAShare_ExtendsTheChain_AndTheLinkResolvesToTargetShopAndChain(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (product, skus) = await market.ListProductAsync(merchant, shopId);
        var users = await market.Host.UsersAsync(3);
        var (a, b, c) = (users[0], users[1], users[2]);
        var id = await Studio.VideoAsync(merchant, "好物推荐", product);

        var first = (await a.PostAsync($"/api/content/{id}/share", new { toUserId = b.UserId })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal([a.UserId.ToString()], Chain(first));
        Assert.Equal(b.UserId.ToString(), first["toUserId"]!.GetValue<string>());
        var second = (await b.PostAsync($"/api/content/{id}/share", new { fromShareId = first["id"] })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal([a.UserId.ToString(), b.UserId.ToString()], Chain(second));
        Assert.Equal(first["id"]!.GetValue<string>(), second["parentId"]!.GetValue<string>());
        // A comes back through B's link: already in the chain, not added twice
        var back = (await a.PostAsync($"/api/content/{id}/share", new { fromShareId = second["id"] })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(Chain(second), Chain(back));
        var third = (await c.PostAsync($"/api/content/{id}/share", new { fromShareId = second["id"] })).Expect(HttpStatusCode.Created).Json;

        var link = (await market.Host.Anonymous().GetAsync($"/api/shares/{third["id"]}")).Expect(HttpStatusCode.OK).Json;
        Assert.True(link["available"]!.GetValue<bool>());
        Assert.Equal(id, link["content"]!["id"]!.GetValue<string>());
        Assert.Equal(shopId, link["share"]!["shopId"]!.GetValue<string>());
        Assert.Equal([a.UserId.ToString(), b.UserId.ToString(), c.UserId.ToString()], link["sharers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(("share", id, third["id"]!.GetValue<string>()), (link["attribution"]!["scene"]!.GetValue<string>(),
            link["attribution"]!["contentId"]!.GetValue<string>(), link["attribution"]!["shareId"]!.GetValue<string>()));
        Assert.Equal(4, (await a.GetAsync($"/api/content/{id}")).Json["shareCount"]!.GetValue<int>());
        // the ranking counts sharers: A's second share is in the share count, not again in the item's signals
        Assert.Equal(3, await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.Shares).SingleAsync()));
        for (var i = 0; i < 5; i++) (await c.PostAsync($"/api/content/{id}/share")).Expect(HttpStatusCode.Created);
        Assert.Equal(9, (await a.GetAsync($"/api/content/{id}")).Json["shareCount"]!.GetValue<int>());
        Assert.Equal(3, await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.Shares).SingleAsync()));

        // an order placed from the link carries its attribution, read from the share link it names
        var buyer = await market.Host.UserAsync();
        var attribution = link["attribution"]!;
        var order = (await buyer.PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, shareId = attribution["shareId"]!.GetValue<string>(),
        })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(Chain(third), order["sharerChain"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(("share", id), (order["scene"]!.GetValue<string>(), order["contentId"]!.GetValue<string>()));

        // products are shared the same way
        var productShare = (await a.PostAsync($"/api/products/{product}/share")).Expect(HttpStatusCode.Created).Json;
        var productLink = (await market.Host.Anonymous().GetAsync($"/api/shares/{productShare["id"]}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((product, "product"), (productLink["product"]!["id"]!.GetValue<string>(), productLink["share"]!["targetKind"]!.GetValue<string>()));
        Assert.Equal(1, (await a.GetAsync($"/api/products/{product}/social")).Json["shareCount"]!.GetValue<long>());

        // bad shares write nothing
        var before = await market.Host.WithDbAsync(db => db.Shares.CountAsync());
        (await a.PostAsync($"/api/content/{id}/share", new { toUserId = a.UserId })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/content/{id}/share", new { toUserId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/content/{id}/share", new { fromShareId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/content/{id}/share", new { fromShareId = productShare["id"] })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostRawAsync($"/api/content/{id}/share", "{\"toUserId\": 5}")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await a.PostAsync($"/api/content/{Guid.NewGuid()}/share")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await market.Host.Anonymous().GetAsync($"/api/shares/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(before, await market.Host.WithDbAsync(db => db.Shares.CountAsync()));

        // the link outlives the content, saying it is gone
        (await merchant.SendAsync(HttpMethod.Delete, $"/api/content/{id}", null)).Expect(HttpStatusCode.NoContent);
        var gone = (await market.Host.Anonymous().GetAsync($"/api/shares/{first["id"]}")).Expect(HttpStatusCode.OK).Json;
        Assert.False(gone["available"]!.GetValue<bool>());
        Assert.Null(gone["content"]);
    }

    [Fact]
    public async Task AChainStopsGrowingAtTwenty_FirstSharersFirst()
    {
        await using var market = await Market.StartAsync();
        var (merchant, _) = await market.OpenShopAsync();
        var id = await Studio.VideoAsync(merchant, "传播");
        var users = await market.Host.UsersAsync(25);
        JsonNode? last = null;
        foreach (var u in users)
            last = (await u.PostAsync($"/api/content/{id}/share", new { fromShareId = last?["id"] })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(users.Take(20).Select(u => u.UserId.ToString()), Chain(last!));
    }
}
