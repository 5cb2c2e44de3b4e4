using System.Diagnostics;
using Sprig.Ordering;
using Sprig.Payments;

namespace Sprig.Bench;

public static class Probe
{
    public static async Task RunAsync(World w)
    {
        var sku = await w.HotSkuAsync(10_000);
        var placement = w.App.Services.GetRequiredService<OrderPlacement>();
        var scopes = w.App.Services.GetRequiredService<IServiceScopeFactory>();
        var buyer = w.Buyers[0].Id;
        double place = 0, pay = 0;
        for (var i = 0; i < 300; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var order = await placement.PlaceAsync(new PlaceOrder(buyer, [new OrderItem(sku, 1)], World.ShipTo));
            var t1 = Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Checkout>().PayAsync(order.Id, buyer, SandboxGateway.Name);
            var t2 = Stopwatch.GetTimestamp();
            if (i >= 100) { place += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds; pay += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds; }
        }
        Console.WriteLine($"sequential: place {place / 200:F2} ms, pay {pay / 200:F2} ms");
    }
}
