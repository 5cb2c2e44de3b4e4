using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Finance;

public sealed class SettlementConcurrencyTests
{
    [Fact]
    public async Task TwoHostsSettlingAtOnce_SettleEachOrderExactlyOnce()
    {
        await using var market = await Market.StartAsync("postgres");
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (1_234, 500));
        var buyers = await market.Host.UsersAsync(10);
        var orders = new List<string>();
        foreach (var chunk in Enumerable.Range(0, 120).Chunk(10))
            orders.AddRange((await Task.WhenAll(chunk.Select(i => Market.ReceivedOrderAsync(buyers[i % 10], merchant, shopId, skus[0])))).Select(o => o.OrderId));

        await using var second = new TestHost(market.Host.Database, demo: false);
        var opsOnSecond = new Api(second.CreateClient(), market.Operator.Token);
        // both nodes' clocks past the window, without running their timers
        market.Host.Clock.Advance(TimeSpan.FromDays(8));
        second.Clock.Advance(TimeSpan.FromDays(8));

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? market.Operator : opsOnSecond).PostAsync("/api/ops/settlement/run")));
        Assert.All(runs, r => r.Expect(HttpStatusCode.OK));
        // the background timers may have settled some too; the sum over every run that reported is at most 120
        Assert.True(runs.Sum(r => r.Json["settled"]!.GetValue<int>()) <= 120);

        var settledOrders = await market.Host.WithDbAsync(db => db.Orders.CountAsync(o => o.SettledAt != null));
        var settleEntries = await market.Host.WithDbAsync(db => db.JournalEntries.CountAsync(e => e.Key.StartsWith("settle:")));
        var feeEntries = await market.Host.WithDbAsync(db => db.JournalEntries.CountAsync(e => e.Key.StartsWith("fee:")));
        Assert.Equal(120, settledOrders);
        Assert.Equal(120, settleEntries);
        Assert.Equal(120, feeEntries);
        var (pending, available) = await Market.BalanceAsync(merchant, shopId);
        Assert.Equal(0, pending);
        Assert.Equal(120 * (1_234 - 12), available); // 1% of 1,234 is 12.34 → 12
        await market.AssertLedgerBalancedAsync();
    }
}
