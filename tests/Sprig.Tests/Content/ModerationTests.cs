using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Content;

/// <summary>What the filter holds waits for the operator: approve publishes it into distribution, reject tells the author why.</summary>
public sealed class ModerationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SpamIsHeld_SeenOnlyByItsAuthorAndOperators_ApprovePublishes_RejectTellsWhy(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (product, _) = await market.ListProductAsync(merchant, shopId);
        var buyer = await market.Host.UserAsync();

        var held = await Studio.PostAsync(merchant, new
        {
            kind = "video", title = "清仓大甩卖", body = "批发价联系 138-1234-5678", mediaUrl = "https://cdn.example.com/v/1.mp4", productIds = new[] { product },
        });
        var heldId = held["id"]!.GetValue<string>();
        Assert.Equal("heldForReview", held["status"]!.GetValue<string>());
        Assert.Contains("phone number", held["holdReason"]!.GetValue<string>());
        Assert.Null(held["publishedAt"]);
        var other = await Studio.PostAsync(merchant, Studio.Video("最新版本APP免费下载安装", product));
        var otherId = other["id"]!.GetValue<string>();
        Assert.Equal("heldForReview", other["status"]!.GetValue<string>());

        (await buyer.GetAsync($"/api/content/{heldId}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await market.Host.Anonymous().GetAsync($"/api/content/{heldId}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await buyer.PostAsync($"/api/content/{heldId}/like")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.GetAsync($"/api/content/{heldId}")).Expect(HttpStatusCode.OK);
        Assert.Empty((await buyer.GetAsync($"/api/shops/{shopId}/content")).Json["items"]!.AsArray());
        var mine = (await merchant.GetAsync("/api/me/content?status=heldForReview")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, c => Assert.False(string.IsNullOrEmpty(c!["holdReason"]!.GetValue<string>())));
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.FeedItems.CountAsync(f => f.Kind == Sprig.Distribution.FeedItemKind.Video)));

        (await buyer.GetAsync("/api/ops/moderation/content")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        var queue = (await market.Operator.GetAsync("/api/ops/moderation/content?limit=1")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(heldId, queue["items"]![0]!["id"]!.GetValue<string>());     // oldest first
        var rest = (await market.Operator.GetAsync($"/api/ops/moderation/content?limit=1&cursor={queue["nextCursor"]}")).Json["items"]!.AsArray();
        Assert.Equal(otherId, Assert.Single(rest)!["id"]!.GetValue<string>());

        // reject needs a note; the author reads it
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{otherId}/reject", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var rejected = (await market.Operator.PostAsync($"/api/ops/moderation/content/{otherId}/reject", new { note = "禁止推广下载" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        var authorView = (await merchant.GetAsync($"/api/content/{otherId}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(("rejected", "禁止推广下载"), (authorView["status"]!.GetValue<string>(), authorView["reviewNote"]!.GetValue<string>()));
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{otherId}/reject", new { note = "again" })).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");

        // approve: published, shown to all, in distribution
        var approved = (await market.Operator.PostAsync($"/api/ops/moderation/content/{heldId}/approve", new { note = "门店电话，放行" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("published", approved["status"]!.GetValue<string>());
        Assert.NotNull(approved["publishedAt"]);
        (await buyer.GetAsync($"/api/content/{heldId}")).Expect(HttpStatusCode.OK);
        Assert.True(await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(heldId)).Select(f => f.Eligible).SingleAsync()));
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{heldId}/approve")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{Guid.NewGuid()}/approve")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await market.Operator.GetAsync("/api/ops/moderation/content")).Json["items"]!.AsArray());

        // taken down after publication: out of distribution again
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{heldId}/reject", new { note = "用户举报" })).Expect(HttpStatusCode.OK);
        Assert.False(await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(heldId)).Select(f => f.Eligible).SingleAsync()));

        // editing rejected content sends it back to the queue rather than publishing it
        var resubmitted = (await merchant.PatchAsync($"/api/content/{otherId}", new { title = "新款上架" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("heldForReview", resubmitted["status"]!.GetValue<string>());
        Assert.Single((await market.Operator.GetAsync("/api/ops/moderation/content")).Json["items"]!.AsArray());
        // and stays there through more edits, spam or clean: only the operator lets it out
        Assert.Equal("heldForReview", (await merchant.PatchAsync($"/api/content/{otherId}", new { title = "加微信 abc12345" })).Expect(HttpStatusCode.OK).Json["status"]!.GetValue<string>());
        var again = (await merchant.PatchAsync($"/api/content/{otherId}", new { title = "新款上架" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("heldForReview", again["status"]!.GetValue<string>());
        Assert.False(await market.Host.WithDbAsync(db => db.FeedItems.AnyAsync(f => f.Id == Guid.Parse(otherId) && f.Eligible)));
        (await market.Operator.PostAsync($"/api/ops/moderation/content/{otherId}/approve")).Expect(HttpStatusCode.OK);
        Assert.True(await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(otherId)).Select(f => f.Eligible).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BannedWords_AreTheOperators_AndHoldContentAndCommentsWhileListed(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, _) = await market.OpenShopAsync();
        var buyer = await market.Host.UserAsync();

        (await buyer.PostAsync("/api/ops/banned-words", new { word = "高仿" })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await market.Operator.PostAsync("/api/ops/banned-words", new { word = "" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PostAsync("/api/ops/banned-words", new { word = new string('词', 51) })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PostAsync("/api/ops/banned-words", new { word = "高仿" })).Expect(HttpStatusCode.Created);
        (await market.Operator.PostAsync("/api/ops/banned-words", new { word = "高仿" })).Expect(HttpStatusCode.OK);
        (await market.Operator.PostAsync("/api/ops/banned-words", new { word = "ＲＥＰＬＩＣＡ" })).Expect(HttpStatusCode.Created);
        var words = (await market.Operator.GetAsync("/api/ops/banned-words")).Expect(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(["replica", "高仿"], words.Select(w => w!["word"]!.GetValue<string>()));

        var held = await Studio.PostAsync(merchant, Studio.Video("一比一高仿包"));
        Assert.Equal("heldForReview", held["status"]!.GetValue<string>());
        Assert.Contains("高仿", held["holdReason"]!.GetValue<string>());
        Assert.Equal("heldForReview", (await Studio.PostAsync(merchant, Studio.Video("Top Replica watches")))["status"]!.GetValue<string>());
        var video = await Studio.VideoAsync(merchant, "正品保障");
        var comment = (await buyer.PostAsync($"/api/content/{video}/comments", new { text = "有高仿吗" })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("heldForReview", comment["status"]!.GetValue<string>());

        (await market.Operator.SendAsync(HttpMethod.Delete, "/api/ops/banned-words/%E9%AB%98%E4%BB%BF", null)).Expect(HttpStatusCode.NoContent);
        (await market.Operator.SendAsync(HttpMethod.Delete, "/api/ops/banned-words/%E9%AB%98%E4%BB%BF", null)).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("published", (await Studio.PostAsync(merchant, Studio.Video("一比一高仿包")))["status"]!.GetValue<string>());
        Assert.Equal("visible", (await buyer.PostAsync($"/api/content/{video}/comments", new { text = "有高仿吗" })).Expect(HttpStatusCode.Created).Json["status"]!.GetValue<string>());
    }
}
