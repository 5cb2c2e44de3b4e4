using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Content;

/// <summary>Live sessions: scheduled → on air → ended, the pinned product, exact viewer counts under racing joins, and the room's GMV.</summary>
public sealed class LiveTests
{
    private static (int Now, int Peak, int Total) Viewers(JsonNode live) =>
        (live["viewersNow"]!.GetValue<int>(), live["peakViewers"]!.GetValue<int>(), live["totalViewers"]!.GetValue<int>());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Session_GoesOnAir_PinsItsCards_CountsViewers_AndEnds(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (host, shopId) = await market.OpenShopAsync();
        var (kettle, _) = await market.ListProductAsync(host, shopId);
        var (tea, _) = await market.ListProductAsync(host, shopId);
        var (notACard, _) = await market.ListProductAsync(host, shopId);
        var viewers = await market.Host.UsersAsync(3);
        var at = market.Host.Clock.GetUtcNow().AddHours(2);

        var created = await Studio.PostAsync(host, new { kind = "live", title = "周五好物直播", scheduledAt = at, productIds = new[] { kettle, tea } });
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("scheduled", created["live"]!["status"]!.GetValue<string>());
        Assert.Equal(at, created["live"]!["scheduledAt"]!.GetValue<DateTimeOffset>());
        (await viewers[0].PostAsync($"/api/content/{id}/live/join")).ExpectProblem(HttpStatusCode.Conflict, "live_not_on_air");
        (await viewers[0].PostAsync($"/api/content/{id}/live/start")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await host.PostAsync($"/api/content/{id}/live/pin", new { productId = kettle })).Expect(HttpStatusCode.OK);   // set up before going on air

        var onAir = (await host.PostAsync($"/api/content/{id}/live/start")).Expect(HttpStatusCode.OK).Json["live"]!;
        Assert.Equal("onAir", onAir["status"]!.GetValue<string>());
        Assert.NotNull(onAir["startedAt"]);
        Assert.True(await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(id)).Select(f => f.OnAir && f.Eligible).SingleAsync()));
        (await host.PostAsync($"/api/content/{id}/live/start")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");

        (await host.PostAsync($"/api/content/{id}/live/pin", new { productId = notACard })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await host.PostAsync($"/api/content/{id}/live/pin", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await viewers[0].PostAsync($"/api/content/{id}/live/pin", new { productId = tea })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(tea, (await host.PostAsync($"/api/content/{id}/live/pin", new { productId = tea })).Expect(HttpStatusCode.OK).Json["live"]!["pinnedProductId"]!.GetValue<string>());
        (await host.PostAsync($"/api/shops/{shopId}/products/{kettle}/delist")).Expect(HttpStatusCode.OK);
        (await host.PostAsync($"/api/content/{id}/live/pin", new { productId = kettle })).ExpectProblem(HttpStatusCode.Conflict, "product_not_listed");

        (await viewers[0].PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);
        (await viewers[0].PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);      // twice is once
        (await viewers[1].PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);
        (await viewers[0].PostAsync($"/api/content/{id}/live/leave")).Expect(HttpStatusCode.OK);
        (await viewers[0].PostAsync($"/api/content/{id}/live/leave")).Expect(HttpStatusCode.OK);     // leaving again changes nothing
        (await viewers[2].PostAsync($"/api/content/{id}/live/leave")).Expect(HttpStatusCode.OK);     // nor does leaving a room one is not in
        (await viewers[0].PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);      // back: not a new viewer
        (await viewers[2].PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);

        var room = (await market.Host.Anonymous().GetAsync($"/api/content/{id}/live")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((3, 3, 3), Viewers(room["live"]!));
        Assert.Equal(tea, room["pinnedProduct"]!["productId"]!.GetValue<string>());
        Assert.Null(room["sales"]);                       // sales are the host's business
        (await viewers[1].PostAsync($"/api/content/{id}/live/leave")).Expect(HttpStatusCode.OK);
        Assert.Equal((2, 3, 3), Viewers((await host.GetAsync($"/api/content/{id}/live")).Json["live"]!));

        var ended = (await host.PostAsync($"/api/content/{id}/live/end")).Expect(HttpStatusCode.OK).Json["live"]!;
        Assert.Equal(("ended", 0, 3, 3), (ended["status"]!.GetValue<string>(), ended["viewersNow"]!.GetValue<int>(), ended["peakViewers"]!.GetValue<int>(), ended["totalViewers"]!.GetValue<int>()));
        Assert.Null(ended["pinnedProductId"]);
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.LiveViewers.CountAsync(v => v.ContentId == Guid.Parse(id) && v.LeftAt == null)));
        var item = await market.Host.WithDbAsync(db => db.FeedItems.SingleAsync(f => f.Id == Guid.Parse(id)));
        Assert.False(item.OnAir);
        Assert.False(item.Eligible);
        (await host.PostAsync($"/api/content/{id}/live/end")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await host.PostAsync($"/api/content/{id}/live/start")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await viewers[1].PostAsync($"/api/content/{id}/live/join")).ExpectProblem(HttpStatusCode.Conflict, "live_not_on_air");
        (await host.PostAsync($"/api/content/{id}/live/pin", new { productId = tea })).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");

        var video = await Studio.VideoAsync(host, "不是直播");
        (await host.PostAsync($"/api/content/{video}/live/start")).ExpectProblem(HttpStatusCode.Conflict, "not_live");
        (await host.GetAsync($"/api/content/{video}/live")).ExpectProblem(HttpStatusCode.Conflict, "not_live");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HeldSession_CannotGoOnAir_AndARejectedSessionOnAirEnds(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (host, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(host, shopId);
        var viewer = await market.Host.UserAsync();

        var held = (await Studio.PostAsync(host, Studio.Live("直播间福利 加V：live2024", product)))["id"]!.GetValue<string>();
        (await host.PostAsync($"/api/content/{held}/live/start")).ExpectProblem(HttpStatusCode.Conflict, "content_not_published");
        (await viewer.PostAsync($"/api/content/{held}/live/join")).ExpectProblem(HttpStatusCode.NotFound, "not_found");

        var id = await Studio.OnAirAsync(host, product);
        (await viewer.PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);
        var rejected = (await market.Operator.PostAsync($"/api/ops/moderation/content/{id}/reject", new { note = "直播内容违规" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(("rejected", "ended", 0), (rejected["status"]!.GetValue<string>(), rejected["live"]!["status"]!.GetValue<string>(),
            rejected["live"]!["viewersNow"]!.GetValue<int>()));
        var item = await market.Host.WithDbAsync(db => db.FeedItems.SingleAsync(f => f.Id == Guid.Parse(id)));
        Assert.False(item.OnAir || item.Eligible);
        (await viewer.PostAsync($"/api/content/{id}/live/join")).ExpectProblem(HttpStatusCode.NotFound, "not_found");

        // a suspended shop's room does not go on air; reinstated, it does
        var scheduled = (await Studio.PostAsync(host, Studio.Live("周末专场", product)))["id"]!.GetValue<string>();
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);
        (await host.PostAsync($"/api/content/{scheduled}/live/start")).ExpectProblem(HttpStatusCode.Conflict, "shop_not_open");
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/reinstate")).Expect(HttpStatusCode.OK);
        (await host.PostAsync($"/api/content/{scheduled}/live/start")).Expect(HttpStatusCode.OK);

        // held by an edit while on air: hidden from viewers, but one in the room can still leave it
        (await viewer.PostAsync($"/api/content/{scheduled}/live/join")).Expect(HttpStatusCode.OK);
        (await host.PatchAsync($"/api/content/{scheduled}", new { title = "直播间福利 加V：live2024" })).Expect(HttpStatusCode.OK);
        (await viewer.PostAsync($"/api/content/{scheduled}/live/join")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await viewer.PostAsync($"/api/content/{scheduled}/live/leave")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.ContentItems.Where(c => c.Id == Guid.Parse(scheduled)).Select(c => c.ViewersNow).SingleAsync()));
        (await viewer.PostAsync($"/api/content/{scheduled}/live/leave")).ExpectProblem(HttpStatusCode.NotFound, "not_found"); // out now: the room is hidden again
    }

    /// <summary>Suspending a shop ends its rooms on air: viewers are let out and the room leaves the feeds.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SuspendingTheShop_EndsItsRoomsOnAir(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (host, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(host, shopId);
        var viewer = await market.Host.UserAsync();
        var id = await Studio.OnAirAsync(host, product);
        (await viewer.PostAsync($"/api/content/{id}/live/join")).Expect(HttpStatusCode.OK);

        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);

        var room = await market.Host.WithDbAsync(db => db.ContentItems.SingleAsync(c => c.Id == Guid.Parse(id)));
        Assert.Equal((Sprig.Content.LiveStatus.Ended, 0), (room.LiveStatus, room.ViewersNow));
        Assert.NotNull(room.EndedAt);
        var item = await market.Host.WithDbAsync(db => db.FeedItems.SingleAsync(f => f.Id == Guid.Parse(id)));
        Assert.False(item.OnAir || item.Eligible);
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.LiveViewers.CountAsync(v => v.ContentId == Guid.Parse(id) && v.LeftAt == null)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RacingJoinsAndLeaves_KeepTheCountsExact(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (host, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(host, shopId);
        var id = await Studio.OnAirAsync(host, product);
        var viewers = await market.Host.UsersAsync(150);

        // everyone joins twice at once
        var joins = await Task.WhenAll(viewers.SelectMany(v => new[] { v, v }).Select(v => v.PostAsync($"/api/content/{id}/live/join")));
        Assert.All(joins, r => r.Expect(HttpStatusCode.OK));
        Assert.Equal((150, 150, 150), Viewers((await host.GetAsync($"/api/content/{id}/live")).Json["live"]!));

        // the first hundred leave twice at once while the last fifty join again
        var leaving = viewers.Take(100).SelectMany(v => new[] { v.PostAsync($"/api/content/{id}/live/leave"), v.PostAsync($"/api/content/{id}/live/leave") });
        var staying = viewers.Skip(100).Select(v => v.PostAsync($"/api/content/{id}/live/join"));
        Assert.All(await Task.WhenAll(leaving.Concat(staying)), r => r.Expect(HttpStatusCode.OK));
        Assert.Equal((50, 150, 150), Viewers((await host.GetAsync($"/api/content/{id}/live")).Json["live"]!));

        // half of those who left come back, each twice at once: nobody new, the peak stands
        Assert.All(await Task.WhenAll(viewers.Take(50).SelectMany(v => new[] { v, v }).Select(v => v.PostAsync($"/api/content/{id}/live/join"))),
            r => r.Expect(HttpStatusCode.OK));
        Assert.Equal((100, 150, 150), Viewers((await host.GetAsync($"/api/content/{id}/live")).Json["live"]!));
        Assert.Equal(100, await market.Host.WithDbAsync(db => db.LiveViewers.CountAsync(v => v.ContentId == Guid.Parse(id) && v.LeftAt == null)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RoomGmv_IsThePaidLiveOrdersOfThisSession_ShownToTheHost(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (host, shopId) = await market.OpenShopAsync();
        var (product, skus) = await market.ListProductAsync(host, shopId, (12_900, 100));
        var id = await Studio.OnAirAsync(host, product);
        var otherLive = await Studio.OnAirAsync(host, product);
        var buyers = await market.Host.UsersAsync(3);

        async Task<string> OrderAsync(Api buyer, int quantity, string scene, string contentId, bool pay)
        {
            var order = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity } }, address = Market.Address, scene, contentId }))
                .Expect(HttpStatusCode.Created).Id;
            if (pay) (await buyer.PostAsync($"/api/orders/{order}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
            return order;
        }
        await OrderAsync(buyers[0], 2, "live", id, pay: true);
        await OrderAsync(buyers[1], 1, "live", id.ToUpperInvariant(), pay: true);
        await OrderAsync(buyers[0], 1, "live", id, pay: true);
        await OrderAsync(buyers[2], 5, "live", id, pay: false);          // never paid
        await OrderAsync(buyers[2], 3, "shortVideo", id, pay: true);     // another scene
        await OrderAsync(buyers[2], 4, "live", otherLive, pay: true);    // another session

        var sales = (await host.GetAsync($"/api/content/{id}/live")).Expect(HttpStatusCode.OK).Json["sales"]!;
        Assert.Equal("CNY", sales["currency"]!.GetValue<string>());
        Assert.Equal((4 * 12_900L, 3, 2), (sales["gmv"]!.GetValue<long>(), sales["orders"]!.GetValue<int>(), sales["buyers"]!.GetValue<int>()));
        Assert.Equal(3, sales["recentOrders"]!.AsArray().Count);
        Assert.Null((await buyers[0].GetAsync($"/api/content/{id}/live")).Json["sales"]);
        Assert.Equal(4 * 12_900L, (await market.Operator.GetAsync($"/api/content/{otherLive}/live")).Json["sales"]!["gmv"]!.GetValue<long>());

        // ended: a checkout within the hour after counts, one placed later from the ended room does not
        (await host.PostAsync($"/api/content/{id}/live/end")).Expect(HttpStatusCode.OK);
        market.Host.Clock.Advance(TimeSpan.FromMinutes(30));
        await OrderAsync(buyers[2], 1, "live", id, pay: true);
        market.Host.Clock.Advance(TimeSpan.FromHours(2));
        await OrderAsync(buyers[2], 2, "live", id, pay: true);
        var after = (await host.GetAsync($"/api/content/{id}/live")).Expect(HttpStatusCode.OK).Json["sales"]!;
        Assert.Equal((5 * 12_900L, 4), (after["gmv"]!.GetValue<long>(), after["orders"]!.GetValue<int>()));
    }
}
