using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;
using Sprig.Distribution;
using Sprig.Social;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Distribution;

/// <summary>Helpers for feed tests: shops full of listed products, friendships and likes, feed pages as a buyer sees them.</summary>
public static class FeedWorld
{
    /// <summary>A market whose nodes read their candidate lists afresh for every feed (tests see each change at once).</summary>
    public static Task<Market> StartAsync(string provider, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string> { ["Sprig:Distribution:RefreshMilliseconds"] = "0" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        return Market.StartAsync(provider, settings: all);
    }

    public static async Task<(Api Merchant, string ShopId, List<string> ProductIds)> ShopWithProductsAsync(Market market, int products, string kind = "enterprise")
    {
        var (merchant, shopId) = await market.OpenShopAsync(kind);
        var ids = new List<string>();
        for (var i = 0; i < products; i++) ids.Add((await market.ListProductAsync(merchant, shopId, (1_000 + i, 100))).ProductId);
        return (merchant, shopId, ids);
    }

    public static Task BefriendAsync(Market market, Api a, Api b) => market.Host.WithDbAsync(async db =>
    {
        var now = market.Host.Clock.GetUtcNow();
        db.Friendships.Add(new Friendship { UserId = a.UserId, FriendId = b.UserId, CreatedAt = now });
        db.Friendships.Add(new Friendship { UserId = b.UserId, FriendId = a.UserId, CreatedAt = now });
        SocialChange.Of(db, a.UserId, b.UserId);
        return await db.SaveChangesAsync();
    });

    public static Task LikeAsync(Market market, Api user, string productId) => market.Host.WithDbAsync(async db =>
    {
        var id = Guid.Parse(productId);
        var shopId = (await db.FeedItems.FindAsync(id))!.ShopId!.Value;
        db.Likes.Add(new Like { UserId = user.UserId, TargetId = id, TargetKind = SignalTarget.Product, ShopId = shopId, CreatedAt = market.Host.Clock.GetUtcNow() });
        SocialChange.Of(db, user.UserId);
        await db.SaveChangesAsync();
        await FeedSignals.LikedAsync(db, id, 1, market.Host.Clock.GetUtcNow(), default);
        return 0;
    });

    /// <summary>Shares a second apart, the last at <paramref name="last"/>, with the social change that tells every node.</summary>
    public static Task ShareAsync(Market market, Api user, string shopId, string productId, DateTimeOffset last, int times) => market.Host.WithDbAsync(async db =>
    {
        for (var i = 0; i < times; i++)
            db.Shares.Add(new Share
            {
                Id = Guid.NewGuid(), UserId = user.UserId, TargetId = Guid.Parse(productId), TargetKind = SignalTarget.Product, ShopId = Guid.Parse(shopId),
                Chain = user.UserId.ToString(), CreatedAt = last.AddSeconds(i - times + 1),
            });
        SocialChange.Of(db, user.UserId);
        return await db.SaveChangesAsync();
    });

    public static async Task<JsonArray> FeedAsync(Api buyer, string tab = "recommended", int? limit = null)
    {
        var path = $"/api/feed?tab={tab}" + (limit is null ? "" : $"&limit={limit}");
        return (await buyer.GetAsync(path)).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
    }

    public static string Product(JsonNode? item) => item!["productId"]!.GetValue<string>();
    public static string? Pool(JsonNode? item) => item!["reason"]!["pool"]?.GetValue<string>();
    public static string Source(JsonNode? item) => item!["reason"]!["source"]!.GetValue<string>();

    /// <summary>Every impression logged, read out of the pages' rows.</summary>
    public static Task<List<Impression>> LoggedAsync(Market market) =>
        market.Host.WithDbAsync(async db => (await db.ServedPages.AsNoTracking().ToListAsync()).SelectMany(p => p.Impressions()).ToList());

    /// <summary>The item's row, after the node wrote its impression tally (which it does within a second on its own).</summary>
    public static async Task<FeedItem> ItemAsync(Market market, string id)
    {
        await market.Host.Service<SignalWriter>().FlushAsync(default);
        return await market.Host.WithDbAsync(async db => (await db.FeedItems.FindAsync(Guid.Parse(id)))!);
    }

    /// <summary>The buyer clicks the product's tile of a page they were served.</summary>
    public static async Task ClickAsync(Api buyer, JsonArray items, string productId)
    {
        var impression = items.Single(i => Product(i) == productId)!["impressionId"]!.GetValue<string>();
        (await buyer.PostAsync("/api/events", new { type = "click", impressionId = impression })).Expect(HttpStatusCode.Created);
    }

    public static async Task SetColdStartBudgetAsync(Market market, int budget, object? thresholds = null) =>
        (await market.Operator.PutAsync("/api/ops/traffic-pools/0", thresholds ?? new { budget })).Expect(HttpStatusCode.OK);
}
