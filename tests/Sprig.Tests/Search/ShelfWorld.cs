using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Search;

/// <summary>Helpers of the shelf tests: a market whose search polls fast, products with chosen titles, waiting for the index.</summary>
internal static class ShelfWorld
{
    /// <summary>The index reads the feed every 50 ms and the counters every second, so tests wait little.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastSearch = new Dictionary<string, string>
    {
        ["Sprig:Search:PollMilliseconds"] = "50",
        ["Sprig:Search:StatsSeconds"] = "1",
    };

    public static Task<Market> StartAsync(string provider) => Market.StartAsync(provider, settings: FastSearch);

    /// <summary>The id of the category with this (Chinese) name anywhere in the tree.</summary>
    public static async Task<string> CategoryAsync(Market market, string name)
    {
        var tree = (await market.Host.Anonymous().GetAsync("/api/categories")).Expect(HttpStatusCode.OK).Json.AsArray();
        foreach (var top in tree)
        {
            if (top!["name"]!.GetValue<string>() == name) return top["id"]!.GetValue<string>();
            foreach (var leaf in top["children"]!.AsArray())
                if (leaf!["name"]!.GetValue<string>() == name) return leaf["id"]!.GetValue<string>();
        }
        throw new InvalidOperationException($"no category {name}");
    }

    /// <summary>A listed product; returns its id and first SKU id.</summary>
    public static async Task<(string ProductId, string SkuId)> ListAsync(Market market, Api merchant, string shopId, string title, string category,
        long price = 9_900, string? description = null, string skuName = "标准款", int stock = 100)
    {
        var product = (await merchant.PostAsync($"/api/shops/{shopId}/products", new
        {
            title,
            description,
            categoryId = await CategoryAsync(market, category),
            skus = new[] { new { name = skuName, price, stock } },
        })).Expect(HttpStatusCode.Created).Json;
        var id = product["id"]!.GetValue<string>();
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{id}/list")).Expect(HttpStatusCode.OK);
        return (id, product["skus"]![0]!["id"]!.GetValue<string>());
    }

    public static async Task<JsonNode> SearchAsync(Api api, string query)
    {
        var reply = await api.GetAsync("/api/search/products?" + query);
        return reply.Expect(HttpStatusCode.OK).Json;
    }

    public static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

    public static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    /// <summary>Waits (up to <paramref name="seconds"/>) until the search's ids satisfy <paramref name="ok"/>; returns the last page.</summary>
    public static async Task<JsonNode> EventuallyAsync(Api api, string query, Func<List<string>, bool> ok, double seconds = 10)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var page = await SearchAsync(api, query);
            if (ok(Ids(page))) return page;
            if (watch.Elapsed.TotalSeconds > seconds)
                Assert.Fail($"search '{query}' did not settle within {seconds} s; last page: {page.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every given product is found by an unfiltered browse (the index has caught up with them).</summary>
    public static Task IndexedAsync(Api api, params string[] productIds) =>
        EventuallyAsync(api, "sort=newest&limit=100", ids => productIds.All(ids.Contains));
}
