using System.Net;
using System.Text.Json.Nodes;
using Sprig.Accounts;

namespace Sprig.Tests.Infrastructure;

/// <summary>
/// One test's world: a host on a fresh database, an operator, and helpers to open shops and list products
/// through the API the way a merchant would.
/// </summary>
public sealed class Market : IAsyncDisposable
{
    public TestHost Host { get; }
    public Api Operator { get; private set; } = null!;
    private string? _leafCategory;

    private readonly bool _ownsDatabase = true;

    private Market(TestHost host, bool ownsDatabase = true)
    {
        Host = host;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>A market on a database the caller keeps (to start another host on it afterwards).</summary>
    public static async Task<Market> StartOnAsync(TestDatabase db, bool demo = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var market = new Market(new TestHost(db, demo, settings), ownsDatabase: false);
        market.Operator = await market.Host.UserAsync(Role.Operator);
        return market;
    }

    public static async Task<Market> StartAsync(string provider = "sqlite", bool demo = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var market = new Market(new TestHost(db, demo, settings));
        market.Operator = await market.Host.UserAsync(Role.Operator);
        return market;
    }

    public static readonly object Address = new { name = "林小芽", phone = "13800000000", region = "上海市 浦东新区", line = "世纪大道 1 号" };

    public static object OrderOf(string skuId, int quantity = 1) => new { items = new[] { new { skuId, quantity } }, address = Address };

    public async Task<string> LeafCategoryAsync()
    {
        if (_leafCategory is not null) return _leafCategory;
        var tree = (await Host.Anonymous().GetAsync("/api/categories")).Expect(HttpStatusCode.OK).Json.AsArray();
        return _leafCategory = tree[0]!["children"]![0]!["id"]!.GetValue<string>();
    }

    /// <summary>A merchant with an approved, open shop.</summary>
    public async Task<(Api Merchant, string ShopId)> OpenShopAsync(string kind = "enterprise")
    {
        var merchant = await Host.UserAsync();
        var shopId = (await merchant.PostAsync("/api/shops", new { name = "测试小店", kind })).Expect(HttpStatusCode.Created).Id;
        (await Operator.PostAsync($"/api/ops/shops/{shopId}/approve")).Expect(HttpStatusCode.OK);
        return (merchant, shopId);
    }

    /// <summary>A listed product with one SKU per (price, stock) pair; returns the product id and its SKU ids.</summary>
    public async Task<(string ProductId, string[] SkuIds)> ListProductAsync(Api merchant, string shopId, params (long Price, int Stock)[] skus)
    {
        if (skus.Length == 0) skus = [(9_900, 100)];
        var product = (await merchant.PostAsync($"/api/shops/{shopId}/products", new
        {
            title = "纯棉 T 恤",
            categoryId = await LeafCategoryAsync(),
            skus = skus.Select((s, i) => new { name = $"款式 {i + 1}", price = s.Price, stock = s.Stock }),
        })).Expect(HttpStatusCode.Created).Json;
        var productId = product["id"]!.GetValue<string>();
        (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/list")).Expect(HttpStatusCode.OK);
        return (productId, product["skus"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToArray());
    }

    /// <summary>An order placed and paid through the API; returns its id and first line id.</summary>
    public static async Task<(string OrderId, string LineId)> PaidOrderAsync(Api buyer, string skuId, int quantity = 1, string? scene = null)
    {
        var order = (await buyer.PostAsync("/api/orders", new { items = new[] { new { skuId, quantity } }, address = Address, scene })).Expect(HttpStatusCode.Created).Json;
        var id = order["id"]!.GetValue<string>();
        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        return (id, order["lines"]![0]!["id"]!.GetValue<string>());
    }

    /// <summary>An order placed, paid, shipped and received: its after-sale window is running.</summary>
    public static async Task<(string OrderId, string LineId)> ReceivedOrderAsync(Api buyer, Api merchant, string shopId, string skuId, int quantity = 1)
    {
        var (id, line) = await PaidOrderAsync(buyer, skuId, quantity);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{id}/ship", new { carrier = "顺丰", trackingNumber = "SF" + id[..8] })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{id}/confirm-receipt")).Expect(HttpStatusCode.OK);
        return (id, line);
    }

    /// <summary>Signs in one of the demo accounts (password of API.md).</summary>
    public async Task<Api> SignInDemoAsync(string email)
    {
        var login = (await Host.Anonymous().PostAsync("/api/auth/login", new { email, password = "sprig-demo-1" })).Expect(HttpStatusCode.OK).Json;
        return new Api(Host.CreateClient(), login["accessToken"]!.GetValue<string>());
    }

    public async Task<JsonNode> AdvanceAsync(double hours) =>
        (await Operator.PostAsync("/api/ops/clock/advance", new { hours })).Expect(HttpStatusCode.OK).Json;

    /// <summary>The trial balance: zero in total, and the kept balances agree with the journal.</summary>
    public async Task AssertLedgerBalancedAsync()
    {
        var tb = (await Operator.GetAsync("/api/ops/ledger/trial-balance")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(0, tb["total"]!.GetValue<long>());
        Assert.True(tb["balancesAgree"]!.GetValue<bool>(), "the kept balances disagree with the journal: " + tb.ToJsonString());
    }

    public static async Task<(long Pending, long Available)> BalanceAsync(Api merchant, string shopId)
    {
        var b = (await merchant.GetAsync($"/api/shops/{shopId}/balance")).Expect(HttpStatusCode.OK).Json;
        return (b["pending"]!.GetValue<long>(), b["available"]!.GetValue<long>());
    }

    public async Task<int> StockAsync(string productId, string skuId)
    {
        var product = (await Host.Anonymous().GetAsync($"/api/products/{productId}")).Expect(HttpStatusCode.OK).Json;
        return product["skus"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == skuId)!["stock"]!.GetValue<int>();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownsDatabase) await Host.Database.DisposeAsync();
    }
}
