using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Search.ShelfWorld;

namespace Sprig.Tests.Search;

/// <summary>Every node's index follows the catalogue through the change feed: listings, delistings, edits, suspended shops, other nodes' writes.</summary>
public sealed class ShelfSyncTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Delisting_EditingAndSuspending_ReachSearchWithinSeconds(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (kept, _) = await ListAsync(market, merchant, shopId, "手工牛轧糖礼盒", "休闲零食");
        var (product, sku) = await ListAsync(market, merchant, shopId, "抹茶牛轧糖", "休闲零食", price: 5_900);
        var anyone = market.Host.Anonymous();
        var both = await EventuallyAsync(anyone, Q("牛轧糖"), ids => ids.Count == 2, seconds: 5);
        var watch = Stopwatch.StartNew();

        (await merchant.PostAsync($"/api/shops/{shopId}/products/{product}/delist")).Expect(HttpStatusCode.OK);
        await EventuallyAsync(anyone, Q("牛轧糖"), ids => ids.SequenceEqual([kept]), seconds: 5);

        (await merchant.PostAsync($"/api/shops/{shopId}/products/{product}/list")).Expect(HttpStatusCode.OK);
        await EventuallyAsync(anyone, Q("抹茶"), ids => ids.SequenceEqual([product]), seconds: 5);

        // an edited title is found by its new words only, an edited price sorts and filters at once
        (await merchant.PatchAsync($"/api/shops/{shopId}/products/{product}", new { title = "焦糖杏仁糖" })).Expect(HttpStatusCode.OK);
        await EventuallyAsync(anyone, Q("杏仁"), ids => ids.SequenceEqual([product]), seconds: 5);
        Assert.Empty(Ids(await SearchAsync(anyone, Q("抹茶"))));
        (await merchant.PatchAsync($"/api/shops/{shopId}/skus/{sku}", new { price = 1_900 })).Expect(HttpStatusCode.OK);
        var cheap = await EventuallyAsync(anyone, "maxPrice=2000", ids => ids.SequenceEqual([product]), seconds: 5);
        Assert.Equal(1_900, cheap["items"]![0]!["minPrice"]!.GetValue<long>());
        (await merchant.PatchAsync($"/api/shops/{shopId}/skus/{sku}", new { price = 0 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await merchant.PatchAsync($"/api/shops/{shopId}/products/{product}", new { title = " " })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        // a suspended shop's products are not found; reinstated, they are again
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/suspend", new { reason = "资质复核" })).Expect(HttpStatusCode.OK);
        await EventuallyAsync(anyone, $"shopId={shopId}", ids => ids.Count == 0, seconds: 5);
        Assert.Empty(Ids(await SearchAsync(anyone, Q("牛轧糖"))));
        var page = (await anyone.GetAsync($"/api/shops/{shopId}/page")).Expect(HttpStatusCode.OK).Json;
        page["products"]!["items"]!.AsArray().ToList().ForEach(_ => Assert.Fail("a suspended shop shows products"));
        Assert.Equal("suspended", page["shop"]!["status"]!.GetValue<string>());
        Assert.Null(page["shop"]!["statusReason"]); // the operator's note is the merchant's to read
        Assert.Equal("资质复核", (await merchant.GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Json["statusReason"]!.GetValue<string>());
        (await market.Operator.PostAsync($"/api/ops/shops/{shopId}/reinstate")).Expect(HttpStatusCode.OK);
        await EventuallyAsync(anyone, $"shopId={shopId}", ids => ids.Count == 2, seconds: 5);

        Assert.True(watch.Elapsed.TotalSeconds < 20, $"took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.NotNull(both);
    }

    [Fact]
    public async Task TwoNodes_OnOnePostgres_SeeEachOthersListingChanges_WithinSeconds()
    {
        await using var market = await StartAsync("postgres");
        await using var second = new TestHost(market.Host.Database, demo: false, FastSearch);
        var (merchant, shopId) = await market.OpenShopAsync();
        var onA = market.Host.Anonymous();
        var onB = second.Anonymous();
        await SearchAsync(onB, "sort=newest"); // B's first build is done

        var (product, _) = await ListAsync(market, merchant, shopId, "云南古树普洱茶饼", "茶叶");
        var watch = Stopwatch.StartNew();
        await EventuallyAsync(onB, Q("普洱"), ids => ids.SequenceEqual([product]), seconds: 5);
        var listedToB = watch.Elapsed;

        (await merchant.On(second).PostAsync($"/api/shops/{shopId}/products/{product}/delist")).Expect(HttpStatusCode.OK);
        watch.Restart();
        await EventuallyAsync(onA, Q("普洱"), ids => ids.Count == 0, seconds: 5);
        await EventuallyAsync(onB, Q("普洱"), ids => ids.Count == 0, seconds: 5);
        Assert.True(listedToB.TotalSeconds < 5 && watch.Elapsed.TotalSeconds < 5);

        // a node that starts later builds the same index from the tables
        await using var third = new TestHost(market.Host.Database, demo: false, FastSearch);
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{product}/list")).Expect(HttpStatusCode.OK);
        await EventuallyAsync(third.Anonymous(), Q("普洱"), ids => ids.SequenceEqual([product]), seconds: 5);
    }

    /// <summary>
    /// The gap a plain "Seq &gt; last" reader falls into: T1 takes Seq 1 and is still open when T2 takes Seq 2 and
    /// commits. Reading then must not pass T1's row; once T1 commits, both rows come, T1's first.
    /// </summary>
    [Fact]
    public async Task ChangeFeed_OnPostgres_NeverPassesARowOfATransactionStillRunning()
    {
        await using var market = await StartAsync("postgres");
        var cs = market.Host.Database.ConnectionString;
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var start = await market.Host.WithDbAsync(db => ChangeFeed.EndAsync<CatalogChange>(db, default));

        await using var c1 = new NpgsqlConnection(cs);
        await c1.OpenAsync();
        await using var t1 = await c1.BeginTransactionAsync();
        await Insert(c1, t1, first);
        await using (var c2 = new NpgsqlConnection(cs))
        {
            await c2.OpenAsync();
            await using var t2 = await c2.BeginTransactionAsync();
            await Insert(c2, t2, second);
            await t2.CommitAsync();
        }

        var whileOpen = await market.Host.WithDbAsync(db => ChangeFeed.ReadAsync<CatalogChange>(db, start, 100, default));
        Assert.DoesNotContain(whileOpen, r => r.ProductId == first || r.ProductId == second);

        await t1.CommitAsync();
        // transaction ids are the cluster's: another database's open transaction (a parallel test's) may hold the horizon back a moment
        var ours = new List<CatalogChange>();
        for (var i = 0; i < 100 && ours.Count < 2; i++)
        {
            if (i > 0) await Task.Delay(100);
            var after = await market.Host.WithDbAsync(db => ChangeFeed.ReadAsync<CatalogChange>(db, start, 100, default));
            ours = after.Where(r => r.ProductId == first || r.ProductId == second).ToList();
        }
        Assert.Equal([first, second], ours.Select(r => r.ProductId!.Value));
        Assert.True(ours[0].Seq < ours[1].Seq);

        static async Task Insert(NpgsqlConnection c, NpgsqlTransaction t, Guid productId)
        {
            await using var cmd = new NpgsqlCommand("""INSERT INTO "CatalogChanges" ("ProductId", "At") VALUES (@p, now())""", c, t);
            cmd.Parameters.AddWithValue("p", productId);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANodeStartingOnAnExistingCatalogue_BuildsItsIndexFromTheTables(string provider)
    {
        await using var market = await Market.StartAsync(provider, demo: true, settings: FastSearch);
        var anyone = market.Host.Anonymous();
        var page = await EventuallyAsync(anyone, Q("充电器"), ids => ids.Count == 1);
        Assert.Equal("20W 快充充电器", page["items"]![0]!["title"]!.GetValue<string>());
        // the demo shop's twelve and the crowd's new shop's tea
        Assert.Equal(13, await market.Host.WithDbAsync(db => db.Products.CountAsync()));
        var all = await SearchAsync(anyone, "limit=100");
        Assert.Equal(13, Ids(all).Count);
        // the demo's products in English, by their categories' English names
        Assert.Equal(2, Ids(await SearchAsync(anyone, Q("skincare"))).Count);
        Assert.Equal(2, Ids(await SearchAsync(anyone, Q("phone accessories"))).Count);
    }
}
