using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Analytics;

/// <summary>Issue 6's must-holds: every number reconciles with the orders and the ledger, facts count once, shops see only their own.</summary>
public sealed class AnalyticsTests
{
    private static async Task<JsonNode> ShopAsync(Api caller, string shopId) =>
        (await caller.GetAsync($"/api/shops/{shopId}/analytics")).Expect(HttpStatusCode.OK).Json;

    private static async Task DispatchAsync(Market market) =>
        (await market.Operator.PostAsync("/api/ops/analytics/dispatch")).Expect(HttpStatusCode.OK);

    private static long L(JsonNode? n) => n!.GetValue<long>();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryNumberReconciles_WithThePaidOrders_TheRefunds_AndTheLedgersFeeAndSubsidyAccounts(string provider)
    {
        await using var market = await Market.StartAsync(provider, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var (merchant, shopId) = await market.OpenShopAsync();
        var (product, skus) = await market.ListProductAsync(merchant, shopId, (6_000, 100), (12_345, 100));
        var (couponId, _) = await Promos.PlatformCouponAsync(market, budget: 100_000, kind: "direct", amount: 700, threshold: null, total: 100);
        var buyers = await market.Host.UsersAsync(6);
        // the scenes the platform keeps records of come from them: a live room showing the product, a share link of it
        var live = await Studio.OnAirAsync(merchant, product);
        var share = (await buyers[0].PostAsync($"/api/products/{product}/share")).Expect(HttpStatusCode.Created).Id;
        var paid = new List<string>();
        for (var i = 0; i < buyers.Count; i++)
        {
            var copy = i < 2 ? await Promos.ClaimAsync(buyers[i], couponId) : null;
            var body = new Dictionary<string, object?>
            {
                ["items"] = new[] { new { skuId = skus[i % 2], quantity = 1 + i % 2 } }, ["address"] = Market.Address,
                ["couponIds"] = copy is null ? Array.Empty<string>() : [copy],
                [i % 3 == 0 ? "contentId" : i % 3 == 1 ? "shareId" : "scene"] = i % 3 == 0 ? live : i % 3 == 1 ? share : "search",
            };
            var order = (await buyers[i].PostAsync("/api/orders", body)).Expect(HttpStatusCode.Created).Json;
            if (i == 5) continue; // placed, never paid
            (await buyers[i].PostAsync($"/api/orders/{order["id"]}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
            paid.Add(order["id"]!.GetValue<string>());
        }
        // a partial refund before settlement, then everything received and settled (the fee is charged at settlement)
        var refunded = await market.Host.WithDbAsync(db => db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == Guid.Parse(paid[0])));
        var afterSale = (await buyers[0].PostAsync($"/api/orders/{paid[0]}/after-sales", new { lineId = refunded.Lines[0].Id, type = "refund", amount = 1_000, reason = "少了一件" }))
            .Expect(HttpStatusCode.Created).Id;
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{afterSale}/approve")).Expect(HttpStatusCode.OK);
        foreach (var id in paid)
            (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "顺丰", trackingNumber = "SF" + id[..6] })).Expect(HttpStatusCode.OK);
        await market.AdvanceAsync(24 * 11); // received automatically after 10 days
        await market.AdvanceAsync(24 * 8);  // settled once the 7-day after-sale window closed; each clock move dispatches the facts

        var shop = await ShopAsync(merchant, shopId);
        var orders = await market.Host.WithDbAsync(db => db.Orders.Where(o => o.PaidAt != null).ToListAsync());
        Assert.Equal(5, orders.Count);
        Assert.Equal(orders.Sum(o => o.Original + o.Freight), L(shop["gmv"]));
        Assert.Equal(orders.Sum(o => o.Paid), L(shop["paid"]));
        Assert.Equal(5, L(shop["orders"]));
        Assert.Equal(5, L(shop["buyers"]));
        Assert.Equal(1_000, L(shop["refunds"]));
        Assert.Equal(L(shop["gmv"]) - 1_000, L(shop["netGmv"]));
        Assert.Equal(L(shop["gmv"]), L(shop["bySource"]!["public"]!["gmv"]) + L(shop["bySource"]!["private"]!["gmv"]));
        Assert.Equal(orders.Where(o => o.Scene == Sprig.Ordering.Scene.Share).Sum(o => o.Original), L(shop["bySource"]!["private"]!["gmv"]));
        Assert.Equal(orders.Where(o => o.Scene == Sprig.Ordering.Scene.Live).Sum(o => o.Original), L(shop["byScene"]!["live"]!["gmv"]));
        Assert.Equal(6, L(shop["funnel"]!["all"]!["ordersPlaced"]));
        Assert.Equal(5, L(shop["funnel"]!["all"]!["ordersPaid"]));

        var tb = (await market.Operator.GetAsync("/api/ops/ledger/trial-balance")).Expect(HttpStatusCode.OK).Json["accounts"]!.AsArray();
        long Account(string name) => L(tb.Single(a => a!["account"]!.GetValue<string>() == name)!["balance"]);
        var eco = (await market.Operator.GetAsync("/api/ops/analytics/ecosystem")).Expect(HttpStatusCode.OK).Json;
        Assert.True(L(eco["feeRevenue"]) > 0);
        Assert.Equal(-Account("platformFeeRevenue"), L(eco["feeRevenue"]));
        Assert.Equal(-Account("platformFeeRevenue"), eco["feesByProgram"]!.AsArray().Sum(p => L(p!["fees"])));
        // two ¥7 coupons, less the share of one handed back with its order's partial refund
        Assert.InRange(L(eco["subsidySpent"]), 1_001, 1_399);
        Assert.Equal(Account("platformSubsidyExpense"), L(eco["subsidySpent"]));
        Assert.Equal(L(shop["gmv"]), L(eco["gmv"]));
        Assert.Equal(L(eco["subsidySpent"]), eco["subsidyBySource"]!.AsArray().Sum(s => L(s!["subsidy"])));
        Assert.Equal(L(shop["fees"]), L(eco["feeRevenue"]));
        Assert.Equal(1, L(eco["newShops"]));
        Assert.Equal(1, L(eco["coldStart"]!["withFirstSaleIn30Days"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFactDeliveredTwice_IsCountedOnce(string provider)
    {
        await using var market = await Market.StartAsync(provider, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (5_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, _) = await Market.PaidOrderAsync(buyer, skus[0]);
        // the same business event again (a retried write) is refused by its key, however it arrives
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => market.Host.WithDbAsync(async db =>
        {
            var first = await db.Facts.AsNoTracking().FirstAsync(f => f.Kind == Sprig.Analytics.FactKind.OrderPaid);
            db.Facts.Add(new Sprig.Analytics.Fact { Key = first.Key, Kind = first.Kind, At = first.At, OrderId = first.OrderId, Amount = first.Amount });
            return await db.SaveChangesAsync();
        }));
        await DispatchAsync(market);
        await DispatchAsync(market);

        var shop = await ShopAsync(merchant, shopId);
        Assert.Equal(1, L(shop["orders"]));
        Assert.Equal(5_000, L(shop["gmv"]));
        // the cursor has passed every fact
        Assert.Equal(await market.Host.WithDbAsync(db => db.Facts.MaxAsync(f => f.Seq)),
            await market.Host.WithDbAsync(db => db.FactCursors.Select(c => c.Seq).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManyFactsFoldedInSmallGrowingBatches_EachReadWhileTheOneBeforeIsWritten_AddUpExactly(string provider)
    {
        await using var market = await Market.StartAsync(provider, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var shops = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var items = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToArray();
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var rng = new Random(5);
        var facts = Enumerable.Range(0, 2_000).Select(i => Sprig.Analytics.Facts.New($"test:{Guid.NewGuid():N}",
            rng.Next(3) == 0 ? Sprig.Analytics.FactKind.Click : Sprig.Analytics.FactKind.Impression, at.AddSeconds(i * 60),
            shops[rng.Next(2)], itemId: items[rng.Next(items.Length)], count: 1 + rng.Next(3))).ToList();
        // in several transactions, so facts of later transactions queue behind earlier ones
        foreach (var chunk in facts.Chunk(400))
            await market.Host.WithDbAsync(async db =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await Sprig.Analytics.Facts.AddAsync(db, chunk, default);
                await tx.CommitAsync();
                return 0;
            });

        // batches of 3, 6, 12, ... each read while the one before it is written
        var folded = await market.Host.Service<Sprig.Analytics.FactDispatcher>().RunAsync(default, batchSize: 3);

        Assert.Equal(2_000, folded);
        foreach (var shop in shops)
        {
            var mine = facts.Where(f => f.ShopId == shop).ToList();
            var impressions = mine.Where(f => f.Kind == Sprig.Analytics.FactKind.Impression).Sum(f => (long)f.Count);
            var clicks = mine.Where(f => f.Kind == Sprig.Analytics.FactKind.Click).Sum(f => (long)f.Count);
            Assert.Equal(impressions, await market.Host.WithDbAsync(db => db.ShopDailies.Where(d => d.ShopId == shop).SumAsync(d => d.Impressions)));
            Assert.Equal(clicks, await market.Host.WithDbAsync(db => db.ShopDailies.Where(d => d.ShopId == shop).SumAsync(d => d.Clicks)));
            Assert.Equal(impressions, await market.Host.WithDbAsync(db => db.ItemDailies.Where(d => d.ShopId == shop).SumAsync(d => d.Impressions)));
            foreach (var item in items)
                Assert.Equal(mine.Where(f => f.ItemId == item && f.Kind == Sprig.Analytics.FactKind.Click).Sum(f => (long)f.Count),
                    await market.Host.WithDbAsync(db => db.ItemDailies.Where(d => d.ShopId == shop && d.ItemId == item).SumAsync(d => d.Clicks)));
        }
        // and nothing is folded twice: a second run finds nothing
        Assert.Equal(0, await market.Host.Service<Sprig.Analytics.FactDispatcher>().RunAsync(default, batchSize: 3));
    }

    [Fact]
    public async Task TheFoldReadsEveryColumnOfAFact_ButItsKey()
    {
        await using var market = await Market.StartAsync("sqlite", settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var columns = await market.Host.WithDbAsync(db => Task.FromResult(
            db.Model.FindEntityType(typeof(Sprig.Analytics.Fact))!.GetProperties().Select(p => p.GetColumnName()).Where(c => c != "Key").Order().ToList()));
        Assert.Equal(columns, Sprig.Analytics.FactDispatcher.FoldedColumns.Order().ToList());
    }

    [Fact]
    public async Task TwoNodesDispatchingAtOnce_CountEachFactOnce()
    {
        await using var market = await Market.StartAsync("postgres", settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (1_000, 1_000));
        var buyers = await market.Host.UsersAsync(60);
        foreach (var chunk in buyers.Chunk(20)) await Task.WhenAll(chunk.Select(b => Market.PaidOrderAsync(b, skus[0])));
        await using var second = new TestHost(market.Host.Database, demo: false, new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var dispatchers = new[] { market.Host.Service<Sprig.Analytics.FactDispatcher>(), second.Service<Sprig.Analytics.FactDispatcher>() };

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => dispatchers[i % 2].RunAsync(default, batchSize: 7))));

        var shop = await ShopAsync(merchant, shopId);
        Assert.Equal(60, L(shop["orders"]));
        Assert.Equal(60_000, L(shop["gmv"]));
        Assert.Equal(60, L(shop["funnel"]!["all"]!["ordersPlaced"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FactsCommittedBeforeANodeStopped_AreDispatchedByTheNextOne(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await using var _ = db;
        string shopId;
        Api merchant;
        await using (var market = await Market.StartOnAsync(db, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" }))
        {
            (merchant, shopId) = await market.OpenShopAsync();
            var (_, skus) = await market.ListProductAsync(merchant, shopId, (2_000, 10));
            foreach (var b in await market.Host.UsersAsync(3)) await Market.PaidOrderAsync(b, skus[0]);
            Assert.Equal(0, L((await ShopAsync(merchant, shopId))["orders"])); // committed, not yet folded: this node never dispatched
        }
        // a node with its jobs on takes over the same database and folds what the first left behind
        await using var next = new TestHost(db, demo: false);
        var again = merchant.On(next);
        for (var i = 0; i < 100 && L((await ShopAsync(again, shopId))["orders"]) < 3; i++) await Task.Delay(100);
        Assert.Equal(3, L((await ShopAsync(again, shopId))["orders"]));
        Assert.Equal(6_000, L((await ShopAsync(again, shopId))["gmv"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMerchantSeesOnlyItsOwnShopsAnalytics(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (mine, myShop) = await market.OpenShopAsync();
        var (other, otherShop) = await market.OpenShopAsync();
        (await mine.GetAsync($"/api/shops/{otherShop}/analytics")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await other.GetAsync($"/api/shops/{myShop}/analytics/export/days")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await market.Host.Anonymous().GetAsync($"/api/shops/{myShop}/analytics")).Expect(HttpStatusCode.Unauthorized);
        (await mine.GetAsync("/api/ops/analytics/ecosystem")).Expect(HttpStatusCode.Forbidden);
        (await market.Operator.GetAsync($"/api/shops/{myShop}/analytics")).Expect(HttpStatusCode.OK);
        (await mine.GetAsync($"/api/shops/{myShop}/analytics?from=2026-13-01")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await mine.GetAsync($"/api/shops/{myShop}/analytics?from=2026-11-10&to=2026-11-01")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await mine.GetAsync($"/api/shops/{myShop}/analytics?from=2024-01-01&to=2026-01-01")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await mine.GetAsync($"/api/shops/{myShop}/analytics/export/everything")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Personas_AreShownOnlyForGroupsOfTenBuyers_AndAClearedProfileLeavesThem(string provider)
    {
        await using var market = await Market.StartAsync(provider, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false" });
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (1_000, 100));
        var buyers = await market.Host.UsersAsync(14);
        for (var i = 0; i < buyers.Count; i++)
        {
            (await buyers[i].PutAsync("/api/me/profile", new { gender = i < 11 ? "female" : "male", cityTier = "tier1" })).Expect(HttpStatusCode.OK);
            await Market.PaidOrderAsync(buyers[i], skus[0]);
        }
        await DispatchAsync(market);

        JsonArray Gender(JsonNode s) => s["personas"]!["public"]!["gender"]!.AsArray();
        var shop = await ShopAsync(merchant, shopId);
        var female = Assert.Single(Gender(shop));
        Assert.Equal(("female", 11L), (female!["value"]!.GetValue<string>(), L(female["buyers"])));
        Assert.Equal(14, L(shop["personas"]!["public"]!["cityTier"]![0]!["buyers"]));

        (await buyers[0].DeleteAsync("/api/me/profile")).Expect(HttpStatusCode.NoContent);
        Assert.Null((await buyers[0].GetAsync("/api/me/profile")).Json["gender"]);
        Assert.Equal(10, L(Gender(await ShopAsync(merchant, shopId))[0]!["buyers"]));
        (await buyers[1].PutAsync("/api/me/profile", new { gender = "robot" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheFunnel_CountsImpressionsClicksViewsCartsAndOrders_PerTrafficSource_AndExportsAsCsv(string provider)
    {
        await using var market = await Market.StartAsync(provider, settings: new Dictionary<string, string> { ["Sprig:Jobs"] = "false", ["Sprig:Distribution:RefreshMilliseconds"] = "0" });
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (3_000, 100));
        var buyers = await market.Host.UsersAsync(4);
        foreach (var (b, i) in buyers.Select((b, i) => (b, i)))
        {
            var impression = (await b.GetAsync("/api/feed")).Expect(HttpStatusCode.OK).Json["items"]![0]!["impressionId"]!.GetValue<string>();
            if (i >= 3) continue;
            (await b.PostAsync("/api/events", new { type = "click", impressionId = impression })).Expect(HttpStatusCode.Created);
            if (i >= 2) continue;
            (await b.PostAsync("/api/events", new { type = "view", impressionId = impression })).Expect(HttpStatusCode.Created);
            (await b.PostAsync("/api/events", new { type = "addToCart", impressionId = impression })).Expect(HttpStatusCode.Created);
            if (i >= 1) continue;
            var order = (await b.PostAsync("/api/orders", new { items = new[] { new { skuId = skus[0], quantity = 1 } }, address = Market.Address, impressionId = impression }))
                .Expect(HttpStatusCode.Created).Json;
            (await b.PostAsync($"/api/orders/{order["id"]}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        }
        await DispatchAsync(market);

        var f = (await ShopAsync(merchant, shopId))["funnel"]!["bySource"]!["public"]!;
        Assert.Equal((4L, 3L, 2L, 2L, 1L, 1L), (L(f["impressions"]), L(f["clicks"]), L(f["productViews"]), L(f["addToCarts"]), L(f["ordersPlaced"]), L(f["ordersPaid"])));
        var product = (await ShopAsync(merchant, shopId))["topProducts"]![0]!;
        Assert.Equal(productId, product["itemId"]!.GetValue<string>());
        Assert.Equal(3_000 * 1_000 / 4, L(product["gpm"]));

        var csv = await merchant.GetAsync($"/api/shops/{shopId}/analytics/export/funnel");
        csv.Expect(HttpStatusCode.OK);
        var lines = csv.Text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,impressions,clicks,productViews,addToCarts,ordersPlaced,ordersPaid", lines[0]);
        Assert.Contains("public,4,3,2,2,1,1", lines);
    }
}
