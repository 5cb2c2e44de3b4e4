using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Server.Auth;

namespace Sprig.Bench;

/// <summary>
/// Hot-SKU checkout: many buyers race for one SKU until it sells out. Every scenario checks for oversell at the end.
/// </summary>
public static class Scenarios
{
    public sealed record Result(string Name, int Workers, int Stock, Latencies L, int FinalStock, int Sold)
    {
        public bool Oversold => FinalStock < 0 || Sold > Stock || FinalStock + Sold != Stock;
    }

    /// <summary>Sprig's checkout, called in-process: the batched placement queue (and optionally the sandbox payment round trip).</summary>
    public static async Task<Result> InProcessAsync(World w, int workers, int stock, bool pay)
    {
        var sku = await w.HotSkuAsync(stock);
        var placement = w.App.Services.GetRequiredService<OrderPlacement>();
        var scopes = w.App.Services.GetRequiredService<IServiceScopeFactory>();
        var l = new Latencies(workers);
        l.Start();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(async () =>
        {
            var buyer = w.Buyers[i % w.Buyers.Count].Id;
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    var order = await placement.PlaceAsync(new PlaceOrder(buyer, [new OrderItem(sku, 1)], World.ShipTo));
                    if (pay)
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<Checkout>().PayAsync(order.Id, buyer, SandboxGateway.Name);
                    }
                    l.Record(i, t0);
                    Interlocked.Increment(ref l.Succeeded);
                }
                catch (SprigException e) when (e.Code == "out_of_stock")
                {
                    Interlocked.Increment(ref l.Refused);
                    return;
                }
            }
        })));
        l.Stop();
        var (final, sold) = await w.TallyAsync(sku);
        return new($"in-process{(pay ? ", placed + paid" : "")}", workers, stock, l, final, sold);
    }

    /// <summary>The same checkout through HTTP: Kestrel, JWT auth, JSON, the real endpoint. The load generator shares the machine.</summary>
    public static async Task<Result> HttpAsync(World w, int workers, int stock, bool pay)
    {
        var sku = await w.HotSkuAsync(stock);
        var tokens = w.App.Services.GetRequiredService<Tokens>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = w.Address, Timeout = TimeSpan.FromMinutes(2) };
        var auth = new AuthenticationHeaderValue[workers];
        for (var i = 0; i < workers; i++) auth[i] = new("Bearer", (await tokens.IssueAsync(w.Buyers[i % w.Buyers.Count])).Token);
        var body = new { items = new[] { new { skuId = sku, quantity = 1 } }, address = World.ShipTo };
        var payBody = new { gateway = "sandbox" };

        var l = new Latencies(workers);
        l.Start();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var req = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
                req.Headers.Authorization = auth[i];
                using var res = await http.SendAsync(req);
                if (res.StatusCode == HttpStatusCode.Conflict) { Interlocked.Increment(ref l.Refused); return; }
                if (res.StatusCode != HttpStatusCode.Created) { Interlocked.Increment(ref l.Failed); return; }
                if (pay)
                {
                    var order = await res.Content.ReadFromJsonAsync<IdOnly>();
                    using var payReq = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order!.Id}/pay") { Content = JsonContent.Create(payBody) };
                    payReq.Headers.Authorization = auth[i];
                    using var payRes = await http.SendAsync(payReq);
                    if (payRes.StatusCode != HttpStatusCode.OK) { Interlocked.Increment(ref l.Failed); return; }
                }
                l.Record(i, t0);
                Interlocked.Increment(ref l.Succeeded);
            }
        })));
        l.Stop();
        var (final, sold) = await w.TallyAsync(sku);
        return new($"HTTP{(pay ? ", placed + paid" : "")}", workers, stock, l, final, sold);
    }

    private sealed record IdOnly(Guid Id);

    /// <summary>
    /// The naive baseline: one transaction per order that reads the stock, checks it and writes the decrement and
    /// the order. Correct (the row is locked: FOR UPDATE on PostgreSQL, the write lock on SQLite) but serial on the hot row.
    /// </summary>
    public static async Task<Result> NaiveAsync(World w, int workers, int stock)
    {
        var sku = await w.HotSkuAsync(stock);
        var dbs = w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>();
        var l = new Latencies(workers);
        l.Start();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(async () =>
        {
            var buyer = w.Buyers[i % w.Buyers.Count].Id;
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                await using var db = await dbs.CreateDbContextAsync();
                await using var tx = await db.Database.BeginTransactionAsync();
                var row = db.IsPostgres
                    ? await db.Skus.FromSql($"""SELECT * FROM "Skus" WHERE "Id" = {sku} FOR UPDATE""").SingleAsync()
                    : await db.Skus.SingleAsync(s => s.Id == sku);
                if (row.Stock < 1) { Interlocked.Increment(ref l.Refused); return; }
                row.Stock -= 1;
                var id = Ids.New();
                db.Orders.Add(new Order
                {
                    Id = id, BuyerId = buyer, ShopId = w.ShopId, Original = row.Price, Paid = row.Price, Address = World.ShipTo,
                    CreatedAt = DateTimeOffset.UtcNow, PayBy = DateTimeOffset.UtcNow.AddMinutes(15),
                    Lines = [new OrderLine { Id = Ids.New(), OrderId = id, SkuId = sku, Title = "hot item", SkuName = "only", Quantity = 1, UnitPrice = row.Price, Original = row.Price, Paid = row.Price, ShippingHours = 48 }],
                });
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                l.Record(i, t0);
                Interlocked.Increment(ref l.Succeeded);
            }
        })));
        l.Stop();
        var (final, sold) = await w.TallyAsync(sku);
        return new("naive (read, check, write; 1 tx per order)", workers, stock, l, final, sold);
    }
}
