using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Sprig.Distribution;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Distribution.FeedWorld;

namespace Sprig.Tests.Distribution;

/// <summary>A node assembles a few feeds at once, queues the next ones, and tells one past the queue to come back.</summary>
public sealed class FeedAdmissionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithEveryTurnTaken_AFeedWaitsItsTurn_AndOnePastTheQueueIsToldToComeBack_WithNothingLogged(string provider)
    {
        await using var market = await StartAsync(provider, new Dictionary<string, string>
        {
            ["Sprig:Distribution:FeedsAtOnce"] = "1",
            ["Sprig:Distribution:FeedsWaiting"] = "1",
        });
        for (var shop = 0; shop < 2; shop++) await ShopWithProductsAsync(market, 2); // two a shop: a page holds all four
        var buyers = await market.Host.UsersAsync(2);
        var (first, second) = (buyers[0], buyers[1]);
        var admission = market.Host.Service<FeedAdmission>();

        Task<Reply> queued;
        using (await admission.EnterAsync(default)) // the node's only turn
        {
            queued = first.GetAsync("/api/feed?tab=recommended");
            for (var waited = 0; admission.Load.Waiting == 0; waited += 10)
            {
                Assert.True(waited < 10_000, "the first feed never joined the queue");
                await Task.Delay(10);
            }

            using var req = new HttpRequestMessage(HttpMethod.Get, "/api/feed?tab=recommended");
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second.Token);
            using var res = await second.Http.SendAsync(req);
            new Reply(res.StatusCode, await res.Content.ReadAsStringAsync(), res.Content.Headers.ContentType?.MediaType)
                .ExpectProblem(HttpStatusCode.ServiceUnavailable, "feed_busy");
            Assert.Equal(FeedAdmission.RetryAfter, res.Headers.RetryAfter?.Delta);
            Assert.False(queued.IsCompleted, "the queued feed was answered while every turn was taken");
        }

        // the turn given back, the queued feed is served and logged in full; the refused one logged nothing
        var page = (await queued).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(4, page.Count);
        var logged = (await LoggedAsync(market)).GroupBy(i => i.BuyerId).Select(g => new { Buyer = g.Key, N = g.Count() }).ToList();
        Assert.Equal([(first.UserId, 4)], logged.Select(l => (l.Buyer, l.N)).ToList());
        Assert.Equal(4, (await FeedAsync(second)).Count);
        Assert.Equal((1L, 0L), admission.Load);
    }
}
