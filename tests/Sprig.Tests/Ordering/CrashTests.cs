using System.Collections.Concurrent;
using System.Net;
using Sprig.Server;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Ordering;

/// <summary>A server killed mid-checkout loses no acknowledged order and leaves no stock reserved for an order that does not exist.</summary>
public sealed class CrashTests
{
    private const int InitialStock = 100_000;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KilledWhilePlacingOrders_RestartsWithEveryAcknowledgedOrder_AndNoLeakedStock(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var settings = new[] { $"--Sprig:Database:Provider={db.Provider}", $"--ConnectionStrings:Sprig={db.ConnectionString}", "--Sprig:Demo=false" };
        Assert.Equal(0, await Cli.RunAsync(["operator", "add", "--email", "ops@crash.test", "--password", "crash-test-1", .. settings]));

        var server = await ServerProcess.StartAsync(db);
        var acknowledged = new ConcurrentDictionary<string, int>();
        string shopId, productId, skuId;
        Api merchant;
        try
        {
            var ops = await SignInAsync(server, "ops@crash.test", "crash-test-1");
            merchant = await RegisterAsync(server, "merchant@crash.test");
            shopId = (await merchant.PostAsync("/api/shops", new { name = "压测小店", kind = "enterprise" })).Expect(HttpStatusCode.Created).Id;
            (await ops.PostAsync($"/api/ops/shops/{shopId}/approve")).Expect(HttpStatusCode.OK);
            var leaf = (await server.Client().GetAsync("/api/categories")).Json[0]!["children"]![0]!["id"]!.GetValue<string>();
            var product = (await merchant.PostAsync($"/api/shops/{shopId}/products", new { title = "热卖", categoryId = leaf, skus = new[] { new { name = "标准", price = 990L, stock = InitialStock } } }))
                .Expect(HttpStatusCode.Created).Json;
            productId = product["id"]!.GetValue<string>();
            skuId = product["skus"]![0]!["id"]!.GetValue<string>();
            (await merchant.PostAsync($"/api/shops/{shopId}/products/{productId}/list")).Expect(HttpStatusCode.OK);

            var buyers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => RegisterAsync(server, $"buyer{i}@crash.test")));
            using var stop = new CancellationTokenSource();
            var load = buyers.Select((buyer, b) => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var qty = 1 + (n + b) % 3;
                    try
                    {
                        var reply = await buyer.PostAsync("/api/orders", Market.OrderOf(skuId, qty));
                        if (reply.Status == HttpStatusCode.Created) acknowledged[reply.Id] = qty;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToList();

            var until = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 300 && DateTime.UtcNow < until) await Task.Delay(10);
            await server.KillAsync(); // mid-stream: requests are in flight
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} orders were placed before the kill");
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var restarted = await ServerProcess.StartAsync(db);
        merchant = await SignInAsync(restarted, "merchant@crash.test", "crash-test-1");

        var all = new Dictionary<string, int>();
        string? cursor = null;
        do
        {
            var page = (await merchant.GetAsync($"/api/shops/{shopId}/orders?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"))).Expect(HttpStatusCode.OK).Json;
            foreach (var o in page["items"]!.AsArray())
                all[o!["id"]!.GetValue<string>()] = o["lines"]!.AsArray().Sum(l => l!["quantity"]!.GetValue<int>());
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        // every order a buyer was told about is there, with what they asked for
        foreach (var (id, qty) in acknowledged)
        {
            Assert.True(all.TryGetValue(id, out var stored), $"acknowledged order {id} was lost");
            Assert.Equal(qty, stored);
        }
        // and stock + what the orders hold is exactly what the merchant stocked: nothing reserved for a ghost
        var product2 = (await restarted.Client().GetAsync($"/api/products/{productId}")).Expect(HttpStatusCode.OK).Json;
        var stock = product2["skus"]![0]!["stock"]!.GetValue<int>();
        Assert.Equal(InitialStock, stock + all.Values.Sum());
    }

    private static async Task<Api> RegisterAsync(ServerProcess server, string email)
    {
        (await server.Client().PostAsync("/api/auth/register", new { email, password = "crash-test-1", displayName = email })).Expect(HttpStatusCode.Created);
        return await SignInAsync(server, email, "crash-test-1");
    }

    private static async Task<Api> SignInAsync(ServerProcess server, string email, string password)
    {
        var login = (await server.Client().PostAsync("/api/auth/login", new { email, password })).Expect(HttpStatusCode.OK).Json;
        return server.Client(login["accessToken"]!.GetValue<string>());
    }
}
