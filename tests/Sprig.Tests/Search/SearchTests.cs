using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;
using static Sprig.Tests.Search.ShelfWorld;

namespace Sprig.Tests.Search;

/// <summary>The shelf through HTTP: words in Chinese and English, ranking, filters, sorts, pages, bad input.</summary>
public sealed class SearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChineseQueries_FindProducts_BySegmentedWords_NotBySubstrings(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (tee, _) = await ListAsync(market, merchant, shopId, "纯棉重磅T恤男款", "男装");
        var (serum, _) = await ListAsync(market, merchant, shopId, "保湿修护精华 30ml", "护肤");
        var (charger, _) = await ListAsync(market, merchant, shopId, "20W 快充充电器", "手机配件");
        var (phoneCase, _) = await ListAsync(market, merchant, shopId, "iPhone 15 磁吸手机壳", "手机配件");
        var (nuts, _) = await ListAsync(market, merchant, shopId, "每日坚果 30 袋装", "休闲零食", description: "六种坚果果干");
        var buyer = market.Host.Anonymous();
        await IndexedAsync(buyer, tee, serum, charger, phoneCase, nuts);

        // words in another order than the title's, and words split by spaces: no substring of the title
        Assert.Equal([tee], Ids(await SearchAsync(buyer, Q("重磅 纯棉"))));
        Assert.Equal([tee], Ids(await SearchAsync(buyer, Q("男款 纯棉T恤"))));
        Assert.Equal([tee], Ids(await SearchAsync(buyer, Q("t恤"))));
        Assert.Equal([serum], Ids(await SearchAsync(buyer, Q("修护精华"))));
        Assert.Equal([serum], Ids(await SearchAsync(buyer, Q("精华 保湿"))));
        // a word inside a longer word of the title: 充电 in 充电器
        Assert.Equal([charger], Ids(await SearchAsync(buyer, Q("充电"))));
        Assert.Equal([charger], Ids(await SearchAsync(buyer, Q("快充 20w"))));
        Assert.Equal([phoneCase], Ids(await SearchAsync(buyer, Q("手机壳 IPHONE"))));
        // one Han character finds the words it is in
        Assert.Contains(tee, Ids(await SearchAsync(buyer, Q("男"))));
        // category names count: 零食 is the category, not the title
        Assert.Equal([nuts], Ids(await SearchAsync(buyer, Q("零食"))));
        // characters that share letters with a title but not its words find nothing
        Assert.Empty(Ids(await SearchAsync(buyer, Q("蓝牙耳机"))));
        Assert.Empty(Ids(await SearchAsync(buyer, Q("棉花糖"))));

        var hit = (await SearchAsync(buyer, Q("重磅纯棉")))["items"]![0]!;
        Assert.Equal("<em>纯棉重磅</em>T恤男款", hit["highlight"]!.GetValue<string>());
        Assert.Equal(shopId, hit["shopId"]!.GetValue<string>());
        Assert.Equal("测试小店", hit["shopName"]!.GetValue<string>());
        Assert.Equal(9_900, hit["minPrice"]!.GetValue<long>());
        Assert.Equal("CNY", hit["currency"]!.GetValue<string>());
        Assert.Equal(100, hit["stock"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EnglishQueries_FindEnglishTitles_WithStemsAndAnyCase_AndEnglishCategoryNames(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (shoes, _) = await ListAsync(market, merchant, shopId, "Organic Cotton Running Shoes", "男装");
        var (charger, _) = await ListAsync(market, merchant, shopId, "USB-C Fast Charger", "手机配件");
        var (serum, _) = await ListAsync(market, merchant, shopId, "保湿修护精华", "护肤");
        var buyer = market.Host.Anonymous();
        await IndexedAsync(buyer, shoes, charger, serum);

        Assert.Equal([shoes], Ids(await SearchAsync(buyer, Q("running shoe"))));
        Assert.Equal([shoes], Ids(await SearchAsync(buyer, Q("SHOES"))));
        Assert.Equal([shoes], Ids(await SearchAsync(buyer, Q("run"))));
        Assert.Equal([charger], Ids(await SearchAsync(buyer, Q("chargers"))));
        Assert.Equal([charger], Ids(await SearchAsync(buyer, Q("usb-c charger"))));
        // the categories' English names: 护肤 is "Skincare", 男装 is "Men's wear" under "Apparel"
        Assert.Equal([serum], Ids(await SearchAsync(buyer, Q("skincare"))));
        Assert.Equal([shoes], Ids(await SearchAsync(buyer, Q("apparel"))));
        Assert.Equal([shoes], Ids(await SearchAsync(buyer, Q("men's wear"))));
        Assert.Empty(Ids(await SearchAsync(buyer, Q("wireless charger"))));
        // stop words alone find nothing rather than everything
        Assert.Empty(Ids(await SearchAsync(buyer, Q("for the"))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ABetterSeller_RanksAboveAnEquallyRelevantProduct_AndSoDoesAHigherGpm(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (first, _) = await ListAsync(market, merchant, shopId, "每日坚果混合装", "休闲零食");
        var (seller, sellerSku) = await ListAsync(market, merchant, shopId, "每日坚果混合装", "休闲零食");
        var (third, _) = await ListAsync(market, merchant, shopId, "每日坚果混合装", "休闲零食");
        var (lessRelevant, lessSku) = await ListAsync(market, merchant, shopId, "混合装", "休闲零食", description: "坚果");
        var anyone = market.Host.Anonymous();
        await IndexedAsync(anyone, first, seller, third, lessRelevant);

        var buyer = await market.Host.UserAsync();
        await Market.PaidOrderAsync(buyer, sellerSku, quantity: 3);
        // an unpaid order is no sale
        (await buyer.PostAsync("/api/orders", Market.OrderOf(lessSku, 50))).Expect(HttpStatusCode.Created);
        // GMV 2,000 yuan over 1,500 impressions, as the Distribution module would have counted it
        await market.Host.WithDbAsync(db => db.FeedItems.Where(f => f.Id == Guid.Parse(third))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Impressions, 1_500).SetProperty(f => f.Gmv, 200_000)));

        // same words, so the boost decides: GPM ¥1,000 (2,000 yuan × 1000 / (1,500 + 500 prior impressions)) gives
        // 1 + 0.05·ln(1001) ≈ 1.35, three units sold 1 + 0.1·ln(4) ≈ 1.14; the title without 坚果 stays last
        var page = await EventuallyAsync(anyone, Q("坚果"), ids => ids.Count == 4 && ids[0] == third && ids[1] == seller);
        Assert.Equal([third, seller, first, lessRelevant], Ids(page));
        Assert.Equal(3, page["items"]![1]!["sales"]!.GetValue<long>());
        Assert.Equal(0, page["items"]![3]!["sales"]!.GetValue<long>());
        Assert.Equal("search", page["scene"]!.GetValue<string>());

        Assert.Equal(seller, Ids(await SearchAsync(anyone, Q("坚果") + "&sort=sales"))[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_OnCategoryWithItsSubcategories_PriceAndShop_AndEverySort_PageThroughEverything(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (other, otherShop) = await market.OpenShopAsync();
        var men = await ListAsync(market, merchant, shopId, "男款 T恤", "男装", price: 5_900);
        var women = await ListAsync(market, merchant, shopId, "女款 T恤", "女装", price: 12_900);
        var tea = await ListAsync(market, merchant, shopId, "普洱茶饼", "茶叶", price: 16_800);
        var otherTee = await ListAsync(market, other, otherShop, "儿童 T恤", "男装", price: 3_900);
        var anyone = market.Host.Anonymous();
        await IndexedAsync(anyone, men.ProductId, women.ProductId, tea.ProductId, otherTee.ProductId);

        var apparel = await CategoryAsync(market, "服饰内衣");
        Assert.Equal([otherTee.ProductId, men.ProductId, women.ProductId],
            Ids(await SearchAsync(anyone, $"categoryId={apparel}&sort=priceAsc")));
        Assert.Equal([women.ProductId, men.ProductId, otherTee.ProductId],
            Ids(await SearchAsync(anyone, $"{Q("T恤")}&categoryId={apparel}&sort=priceDesc")));
        Assert.Equal([men.ProductId, women.ProductId],
            Ids(await SearchAsync(anyone, $"minPrice=5900&maxPrice=12900&sort=priceAsc")));
        Assert.Equal([otherTee.ProductId], Ids(await SearchAsync(anyone, $"{Q("t恤")}&shopId={otherShop}")));
        Assert.Equal([otherTee.ProductId, tea.ProductId, women.ProductId, men.ProductId], Ids(await SearchAsync(anyone, "sort=newest")));

        // pages of 1 through each sort: every product once, nothing else
        foreach (var sort in new[] { "relevance", "sales", "priceAsc", "priceDesc", "newest" })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await SearchAsync(anyone, $"sort={sort}&limit=1" + (cursor is null ? "" : $"&cursor={cursor}"));
                seen.AddRange(Ids(page));
                cursor = page["nextCursor"]?.GetValue<string>();
            } while (cursor is not null && seen.Count < 10);
            Assert.Equal(4, seen.Count);
            Assert.Equal(4, seen.Distinct().Count());
        }

        // the category route: the subtree, best first, scene showcase
        var browse = (await anyone.GetAsync($"/api/categories/{apparel}/products?sort=priceAsc&limit=2")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([otherTee.ProductId, men.ProductId], Ids(browse));
        Assert.Equal("showcase", browse["scene"]!.GetValue<string>());
        var rest = (await anyone.GetAsync($"/api/categories/{apparel}/products?sort=priceAsc&limit=2&cursor={browse["nextCursor"]}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([women.ProductId], Ids(rest));
        Assert.Null(rest["nextCursor"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ShopPage_ShowsTheShop_ItsFollowers_AndItsProductsBestSellersFirst_AndItsSceneCarriesIntoTheOrder(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (slow, _) = await ListAsync(market, merchant, shopId, "铸铁珐琅锅", "厨具");
        var (fast, fastSku) = await ListAsync(market, merchant, shopId, "不粘炒锅", "厨具");
        var buyers = await market.Host.UsersAsync(3);
        await Market.PaidOrderAsync(buyers[0], fastSku);
        await market.Host.WithDbAsync(async db =>
        {
            foreach (var b in buyers)
                db.Follows.Add(new Sprig.Social.Follow { FollowerId = b.UserId, TargetKind = Sprig.Social.FollowTarget.Shop, TargetId = Guid.Parse(shopId), CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var anyone = market.Host.Anonymous();
        await EventuallyAsync(anyone, $"shopId={shopId}&sort=sales", ids => ids.SequenceEqual([fast, slow]));

        var page = (await anyone.GetAsync($"/api/shops/{shopId}/page")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(shopId, page["shop"]!["id"]!.GetValue<string>());
        Assert.Equal(3, page["followers"]!.GetValue<long>());
        Assert.Equal("showcase", page["scene"]!.GetValue<string>());
        Assert.Equal([fast, slow], Ids(page["products"]!));

        // the client passes the scene on when it orders
        var order = (await buyers[1].PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = fastSku, quantity = 1 } }, address = Market.Address, scene = page["scene"]!.GetValue<string>(),
        })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("showcase", order["scene"]!.GetValue<string>());
        var found = await SearchAsync(anyone, Q("炒锅"));
        var fromSearch = (await buyers[2].PostAsync("/api/orders", new
        {
            items = new[] { new { skuId = fastSku, quantity = 1 } }, address = Market.Address, scene = found["scene"]!.GetValue<string>(),
        })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("search", fromSearch["scene"]!.GetValue<string>());

        (await anyone.GetAsync($"/api/shops/{Guid.NewGuid()}/page")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await anyone.GetAsync($"/api/categories/{Guid.NewGuid()}/products")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInput_Is400ValidationFailed_NeverA500(string provider)
    {
        await using var market = await StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (id, _) = await ListAsync(market, merchant, shopId, "保湿修护精华", "护肤");
        var (id2, _) = await ListAsync(market, merchant, shopId, "氨基酸洁面乳", "护肤");
        var anyone = market.Host.Anonymous();
        await IndexedAsync(anyone, id, id2);
        var salesCursor = (await SearchAsync(anyone, "sort=sales&limit=1"))["nextCursor"]!.GetValue<string>();
        var skincare = await CategoryAsync(market, "护肤");

        foreach (var bad in new[]
        {
            "limit=0", "limit=500", "limit=-1", "minPrice=500&maxPrice=100", "minPrice=-1", "maxPrice=99999999999",
            Q(new string('茶', 500)), "sort=cheapest", "sort=1", "cursor=not-a-cursor", "cursor=" + Uri.EscapeDataString("!!!"),
            $"sort=newest&cursor={salesCursor}",
        })
        {
            var reply = await anyone.GetAsync("/api/search/products?" + bad);
            reply.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        }
        (await anyone.GetAsync($"/api/categories/{skincare}/products?limit=500")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await anyone.GetAsync($"/api/categories/{skincare}/products?sort=price")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await anyone.GetAsync($"/api/shops/{shopId}/page?limit=0")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        // strange but valid text is just a query
        foreach (var odd in new[] { "\"'<>%_*?", "   ", "(", "AND OR NOT", "🙂", "\\" })
            (await anyone.GetAsync("/api/search/products?" + Q(odd))).Expect(HttpStatusCode.OK);
        Assert.Single(Ids(await SearchAsync(anyone, "sort=sales&limit=1&cursor=" + salesCursor)));
    }

    [Fact]
    public async Task TheShelfRoutes_AreInTheOpenApiDocument()
    {
        await using var market = await StartAsync("sqlite");
        var doc = (await market.Host.Anonymous().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Json;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/search/products", paths);
        Assert.Contains("/api/categories/{categoryId}/products", paths);
        Assert.Contains("/api/shops/{shopId}/page", paths);
        Assert.Contains("/api/shops/{shopId}/products/{productId}", paths);
        Assert.Contains("/api/shops/{shopId}/skus/{skuId}", paths);
        var search = doc["paths"]!["/api/search/products"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["q", "categoryId", "shopId", "minPrice", "maxPrice", "sort", "limit", "cursor"], search);
    }
}
