using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Shops;

/// <summary>PATCH /api/shops/{id}: the merchant's own settings, checked like the rest of the API and read back by GET.</summary>
public sealed class ShopSettingsTests
{
    private static readonly object ReturnTo = new { name = "小芽售后组", phone = "021-61234567", region = "上海市 闵行区", line = "申富路 88 号 2 号仓" };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OwnerChangesSettings_GetReadsThemBack_TheReturnAddressOnlyForTheOwner_AndNewProductsShipOnTheDefault(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var fresh = (await merchant.GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(48, fresh["defaultShippingHours"]!.GetValue<int>());
        Assert.Null(fresh["returnAddress"]);

        var saved = (await merchant.PatchAsync($"/api/shops/{shopId}", new
        {
            name = "  小芽生活馆 ",
            description = "茶饮与零食，顺丰发货。",
            logoUrl = "https://cdn.example.com/logo.png",
            servicePhone = "400-820-1234",
            defaultShippingHours = 24,
            returnAddress = ReturnTo,
        })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("小芽生活馆", saved["name"]!.GetValue<string>());

        var mine = (await merchant.GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("小芽生活馆", mine["name"]!.GetValue<string>());
        Assert.Equal("茶饮与零食，顺丰发货。", mine["description"]!.GetValue<string>());
        Assert.Equal("https://cdn.example.com/logo.png", mine["logoUrl"]!.GetValue<string>());
        Assert.Equal("400-820-1234", mine["servicePhone"]!.GetValue<string>());
        Assert.Equal(24, mine["defaultShippingHours"]!.GetValue<int>());
        Assert.Equal("申富路 88 号 2 号仓", mine["returnAddress"]!["line"]!.GetValue<string>());
        Assert.Equal("021-61234567", mine["returnAddress"]!["phone"]!.GetValue<string>());
        // the fields API.md promises are all still there
        foreach (var field in new[] { "id", "name", "kind", "status" }) Assert.NotNull(mine[field]);
        Assert.Equal("open", mine["status"]!.GetValue<string>());

        // the public sees the shop's face, not its warehouse contact
        var anyone = (await market.Host.Anonymous().GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("400-820-1234", anyone["servicePhone"]!.GetValue<string>());
        Assert.Null(anyone["returnAddress"]);
        var stranger = await market.Host.UserAsync();
        Assert.Null((await stranger.GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Json["returnAddress"]);
        Assert.NotNull((await market.Operator.GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Json["returnAddress"]);

        // a field left out stays; an empty one clears what may be cleared
        var cleared = (await merchant.PatchAsync($"/api/shops/{shopId}", new { logoUrl = "" })).Expect(HttpStatusCode.OK).Json;
        Assert.Null(cleared["logoUrl"]);
        Assert.Equal("茶饮与零食，顺丰发货。", cleared["description"]!.GetValue<string>());
        Assert.Equal(24, cleared["defaultShippingHours"]!.GetValue<int>());

        // a product that names no shipping promise gets the shop's
        var product = (await merchant.PostAsync($"/api/shops/{shopId}/products", new
        {
            title = "冷泡茶", categoryId = await market.LeafCategoryAsync(), skus = new[] { new { name = "6 袋", price = 3_900L, stock = 10 } },
        })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(24, product["shippingHours"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApprovedReturn_TellsTheBuyerTheShopsReturnAddress(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        (await merchant.PatchAsync($"/api/shops/{shopId}", new { returnAddress = ReturnTo })).Expect(HttpStatusCode.OK);
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (3_000, 10));
        var buyer = await market.Host.UserAsync();
        var (orderId, lineId) = await Market.ReceivedOrderAsync(buyer, merchant, shopId, skus[0]);

        var id = (await buyer.PostAsync($"/api/orders/{orderId}/after-sales", new { lineId, type = "returnRefund", reason = "尺码不合适" })).Expect(HttpStatusCode.Created).Id;
        Assert.Null((await buyer.GetAsync($"/api/after-sales/{id}")).Expect(HttpStatusCode.OK).Json["returnAddress"]);
        (await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{id}/approve")).Expect(HttpStatusCode.OK);
        var sale = (await buyer.GetAsync($"/api/after-sales/{id}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("waitingBuyerReturn", sale["status"]!.GetValue<string>());
        Assert.Equal("小芽售后组", sale["returnAddress"]!["name"]!.GetValue<string>());
        Assert.Equal("上海市 闵行区", sale["returnAddress"]!["region"]!.GetValue<string>());

        // the address the buyer was given stays with the request when the shop later moves warehouses
        (await merchant.PatchAsync($"/api/shops/{shopId}", new { returnAddress = new { name = "新仓", phone = "13900000000", region = "浙江省 杭州市", line = "文一西路 1 号" } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("小芽售后组", (await buyer.GetAsync($"/api/after-sales/{id}")).Json["returnAddress"]!["name"]!.GetValue<string>());
    }

    /// <summary>A body, and the field whose message it must draw.</summary>
    private static readonly (string Body, string Field)[] BadSettings =
    [
        ("""{"name": ""}""", "name"),
        ("""{"name": "   "}""", "name"),
        ($$"""{"name": "{{new string('店', 65)}}"}""", "name"),
        ($$"""{"description": "{{new string('简', 501)}}"}""", "description"),
        ("""{"logoUrl": "ftp://cdn.example.com/logo.png"}""", "logoUrl"),
        ("""{"logoUrl": "javascript:alert(1)"}""", "logoUrl"),
        ("""{"logoUrl": "logo.png"}""", "logoUrl"),
        ("""{"servicePhone": "12345"}""", "servicePhone"),
        ("""{"servicePhone": "1380013800a"}""", "servicePhone"),
        ("""{"defaultShippingHours": 36}""", "defaultShippingHours"),
        ("""{"defaultShippingHours": 0}""", "defaultShippingHours"),
        ("""{"returnAddress": {"name": "", "phone": "13800000000", "region": "上海", "line": "1 号"}}""", "returnAddress.name"),
        ("""{"returnAddress": {"name": "仓库", "phone": "138", "region": "上海", "line": "1 号"}}""", "returnAddress.phone"),
        ("""{"returnAddress": {"name": "仓库", "phone": "13800000000", "region": "上海"}}""", "returnAddress.line"),
        // a good name beside a bad phone: the name is not written either
        ("""{"name": "改了名", "servicePhone": "call me"}""", "servicePhone"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadSettings_AreEachRefusedWithTheirField_AndNothingIsWritten(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        (await merchant.PatchAsync($"/api/shops/{shopId}", new { description = "原来的简介", servicePhone = "13800138000", returnAddress = ReturnTo })).Expect(HttpStatusCode.OK);
        var before = (await merchant.GetAsync($"/api/shops/{shopId}")).Expect(HttpStatusCode.OK).Text;

        foreach (var (body, field) in BadSettings)
        {
            var reply = (await merchant.SendAsync(HttpMethod.Patch, $"/api/shops/{shopId}", body)).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(reply.Json["errors"]!.AsObject().ContainsKey(field), $"{body}: no message for {field} in {reply.Text}");
            Assert.True(before == (await merchant.GetAsync($"/api/shops/{shopId}")).Text, $"{body} changed the shop");
        }
    }

    [Fact]
    public async Task MalformedOrMistypedBodies_Are400_AndNothingIsWritten()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var before = (await merchant.GetAsync($"/api/shops/{shopId}")).Text;
        (await merchant.SendAsync(HttpMethod.Patch, $"/api/shops/{shopId}", """{"name": "半截""")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await merchant.SendAsync(HttpMethod.Patch, $"/api/shops/{shopId}", """{"defaultShippingHours": "24"}""")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        (await merchant.SendAsync(HttpMethod.Patch, $"/api/shops/{shopId}", """{"returnAddress": "上海"}""")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(before, (await merchant.GetAsync($"/api/shops/{shopId}")).Text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnlyTheOwner_ChangesSettings_OthersGet403_AnUnknownShop404_AndNoTokenIs401(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (otherMerchant, _) = await market.OpenShopAsync();
        var before = (await merchant.GetAsync($"/api/shops/{shopId}")).Text;
        var change = new { name = "抢来的店", servicePhone = "13800138000" };

        (await otherMerchant.PatchAsync($"/api/shops/{shopId}", change)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        // operators review shops; the settings are the merchant's
        (await market.Operator.PatchAsync($"/api/shops/{shopId}", change)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await market.Host.Anonymous().PatchAsync($"/api/shops/{shopId}", change)).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await merchant.PatchAsync($"/api/shops/{Guid.NewGuid()}", change)).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(before, (await merchant.GetAsync($"/api/shops/{shopId}")).Text);

        // a shop still under review fills in its settings too
        var applicant = await market.Host.UserAsync();
        var pending = (await applicant.PostAsync("/api/shops", new { name = "新店", kind = "individual" })).Expect(HttpStatusCode.Created).Id;
        Assert.Equal("13800138000", (await applicant.PatchAsync($"/api/shops/{pending}", change)).Expect(HttpStatusCode.OK).Json["servicePhone"]!.GetValue<string>());
    }
}
