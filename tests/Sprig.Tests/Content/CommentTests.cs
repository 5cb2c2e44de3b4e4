using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Content;

/// <summary>Comments: visible ones count, spam waits for the operator, and writers, authors and operators remove them.</summary>
public sealed class CommentTests
{
    private static async Task<int> CountAsync(Api api, string id) =>
        (await api.GetAsync($"/api/content/{id}")).Expect(HttpStatusCode.OK).Json["commentCount"]!.GetValue<int>();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Comments_CountWhenVisible_SpamWaitsForReview_AndTheRightPeopleRemoveThem(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, _) = await market.OpenShopAsync();
        var users = await market.Host.UsersAsync(3);
        var (a, b, c) = (users[0], users[1], users[2]);
        var id = await Studio.VideoAsync(merchant, "珐琅锅开箱");

        var first = (await a.PostAsync($"/api/content/{id}/comments", new { text = "颜色好看，24cm 够三口之家吗？" })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(("visible", a.UserId.ToString()), (first["status"]!.GetValue<string>(), first["user"]!["id"]!.GetValue<string>()));
        var second = (await b.PostAsync($"/api/content/{id}/comments", new { text = "已下单 ¥699" })).Expect(HttpStatusCode.Created).Id;
        var spam = (await c.PostAsync($"/api/content/{id}/comments", new { text = "兼职日赚 300 加V：job2024" })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("heldForReview", spam["status"]!.GetValue<string>());
        Assert.NotNull(spam["holdReason"]);
        var spamId = spam["id"]!.GetValue<string>();
        Assert.Equal(2, await CountAsync(a, id));

        // everyone sees the visible ones; the spammer also sees their own, waiting
        Assert.Equal(2, (await market.Host.Anonymous().GetAsync($"/api/content/{id}/comments")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray().Count);
        Assert.Equal(3, (await c.GetAsync($"/api/content/{id}/comments")).Json["items"]!.AsArray().Count);

        // the operator's queue; approving shows it and counts it, rejecting hides it again
        var queue = (await market.Operator.GetAsync("/api/ops/moderation/comments")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(spamId, Assert.Single(queue)!["id"]!.GetValue<string>());
        (await market.Operator.PostAsync($"/api/ops/moderation/comments/{spamId}/approve")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, await CountAsync(a, id));
        (await market.Operator.PostAsync($"/api/ops/moderation/comments/{spamId}/approve")).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
        (await market.Operator.PostAsync($"/api/ops/moderation/comments/{spamId}/reject", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var rejected = (await market.Operator.PostAsync($"/api/ops/moderation/comments/{spamId}/reject", new { note = "站外导流" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(("rejected", "站外导流"), (rejected["status"]!.GetValue<string>(), rejected["reviewNote"]!.GetValue<string>()));
        Assert.Equal(2, await CountAsync(a, id));

        // the writer and the content's author remove comments; a stranger may not
        (await c.SendAsync(HttpMethod.Delete, $"/api/content/{id}/comments/{second}", null)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await b.SendAsync(HttpMethod.Delete, $"/api/content/{id}/comments/{second}", null)).Expect(HttpStatusCode.NoContent);
        (await b.SendAsync(HttpMethod.Delete, $"/api/content/{id}/comments/{second}", null)).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await merchant.SendAsync(HttpMethod.Delete, $"/api/content/{id}/comments/{first["id"]}", null)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync(a, id));
        Assert.Empty((await a.GetAsync($"/api/content/{id}/comments")).Json["items"]!.AsArray());

        // bad input writes nothing
        (await a.PostAsync($"/api/content/{id}/comments", new { text = "" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/content/{id}/comments", new { text = new string('长', 501) })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/content/{id}/comments")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await a.PostAsync($"/api/content/{Guid.NewGuid()}/comments", new { text = "hi" })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await a.SendAsync(HttpMethod.Delete, $"/api/content/{id}/comments/{Guid.NewGuid()}", null)).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, await CountAsync(a, id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RacingCommentsAndDeletes_KeepTheCountExact(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, _) = await market.OpenShopAsync();
        var id = await Studio.VideoAsync(merchant, "评论区");
        var users = await market.Host.UsersAsync(60);

        var posted = await Task.WhenAll(users.Select((u, i) => u.PostAsync($"/api/content/{id}/comments", new { text = $"第 {i} 楼，M 码合适" })));
        Assert.All(posted, r => r.Expect(HttpStatusCode.Created));
        Assert.Equal(60, await CountAsync(merchant, id));
        // each of the first thirty deletes theirs twice at once
        var deletes = users.Take(30).Zip(posted).SelectMany(x => new[] { x.First, x.First }.Select(u => u.SendAsync(HttpMethod.Delete, $"/api/content/{id}/comments/{x.Second.Id}", null)));
        var replies = await Task.WhenAll(deletes);
        Assert.Equal(30, replies.Count(r => r.Status == HttpStatusCode.NoContent));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.NoContent), r => r.ExpectProblem(HttpStatusCode.NotFound, "not_found"));
        Assert.Equal(30, await CountAsync(merchant, id));
    }
}
