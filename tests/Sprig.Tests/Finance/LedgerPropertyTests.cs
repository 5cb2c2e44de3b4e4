using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sprig.Finance;
using Sprig.Ordering;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Finance;

/// <summary>
/// Random sequences of what happens to money (orders, partial and full refunds before and after settlement,
/// withdrawals, fee programs changing) through the API. After every step: the trial balance is zero, the kept
/// balances equal the journal, no split created or lost a fen, each order settled at most once, and what the
/// ledger holds for the shop equals what its orders say. Seeded, so a failure replays.
/// </summary>
public sealed class LedgerPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomMoneyHistories_KeepTheLedgerWhole(int seed)
    {
        var rng = new Random(seed);
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync(kind: rng.Next(2) == 0 ? "brand" : "enterprise");
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (rng.Next(100, 50_000), 10_000), (rng.Next(100, 50_000), 10_000));
        var buyers = await market.Host.UsersAsync(3);
        // a creator with an agency promotes the product: some orders carry commission
        var creator = await market.Host.UserAsync(Sprig.Accounts.Role.Creator);
        var plan = (await merchant.PostAsync($"/api/shops/{shopId}/affiliate-plans", new { productId, kind = "open", rateBps = rng.Next(0, 9_001) })).Expect(HttpStatusCode.Created).Json;
        (await creator.PostAsync($"/api/affiliate/plans/{plan["id"]}/join", new { agencyId = buyers[0].UserId, agencyRateBps = rng.Next(0, 9_001) })).Expect(HttpStatusCode.OK);
        var orders = new List<(string Id, string Line, Api Buyer)>();
        await RandomProgramsAsync(market, rng);

        for (var step = 0; step < 60; step++)
        {
            var roll = rng.Next(100);
            var buyer = buyers[rng.Next(buyers.Count)];
            if (roll < 30 || orders.Count == 0)
            {
                var scene = new[] { "share", "showcase", "live", null }[rng.Next(4)];
                var order = (await buyer.PostAsync("/api/orders", new
                {
                    items = new[] { new { skuId = skus[rng.Next(skus.Length)], quantity = rng.Next(1, 4) } },
                    address = Market.Address, scene, creatorId = rng.Next(2) == 0 ? creator.UserId : (Guid?)null,
                })).Expect(HttpStatusCode.Created).Json;
                var id = order["id"]!.GetValue<string>();
                (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
                orders.Add((id, order["lines"]![0]!["id"]!.GetValue<string>(), buyer));
            }
            else if (roll < 50)
            {
                var o = orders[rng.Next(orders.Count)];
                await merchant.PostAsync($"/api/shops/{shopId}/orders/{o.Id}/ship", new { carrier = "SF", trackingNumber = "T" + step });
                await o.Buyer.PostAsync($"/api/orders/{o.Id}/confirm-receipt");
            }
            else if (roll < 68)
            {
                // a partial or full refund, before settlement (approved) or after it (rejected, escalated, arbitrated)
                var o = orders[rng.Next(orders.Count)];
                var left = (await o.Buyer.GetAsync($"/api/orders/{o.Id}")).Json["lines"]![0]!;
                var max = left["paid"]!.GetValue<long>() - left["refunded"]!.GetValue<long>();
                if (max <= 0) continue;
                var amount = rng.Next(2) == 0 ? max : rng.NextInt64(1, max + 1);
                var applied = await o.Buyer.PostAsync($"/api/orders/{o.Id}/after-sales", new { lineId = o.Line, type = "refund", amount, reason = "random" });
                if (applied.Status != HttpStatusCode.Created) continue; // settled, closed or already open: the rules said no
                if (rng.Next(3) == 0)
                {
                    await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{applied.Id}/reject", new { reason = "no" });
                    if (rng.Next(2) == 0) await market.AdvanceAsync(24 * rng.Next(1, 9));
                    await o.Buyer.PostAsync($"/api/after-sales/{applied.Id}/escalate");
                    await market.Operator.PostAsync($"/api/ops/after-sales/{applied.Id}/arbitrate", new { decision = "refund", note = "random" });
                }
                else
                {
                    await merchant.PostAsync($"/api/shops/{shopId}/after-sales/{applied.Id}/approve");
                }
            }
            else if (roll < 83)
            {
                await market.AdvanceAsync(new[] { 1, 24, 24 * 3, 24 * 8, 24 * 11 }[rng.Next(5)]);
            }
            else if (roll < 93)
            {
                var (_, available) = await Market.BalanceAsync(merchant, shopId);
                if (available <= 0) continue;
                var w = await merchant.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = rng.NextInt64(1, available + 1) });
                if (w.Status == HttpStatusCode.Created)
                    await market.Operator.PostAsync($"/api/ops/withdrawals/{w.Id}/{(rng.Next(4) == 0 ? "fail" : "pay")}", new { reason = "random" });
            }
            else
            {
                await RandomProgramsAsync(market, rng);
            }

            await AssertWholeAsync(market, merchant, shopId, $"seed {seed}, step {step}");
        }

        // an epilogue every seed shares: everything settles, and the merchant takes money out
        await market.AdvanceAsync(24 * 11);
        var (_, finalAvailable) = await Market.BalanceAsync(merchant, shopId);
        if (finalAvailable > 1) (await merchant.PostAsync($"/api/shops/{shopId}/withdrawals", new { amount = finalAvailable / 2 })).Expect(HttpStatusCode.Created);
        await AssertWholeAsync(market, merchant, shopId, $"seed {seed}, epilogue");

        // the history did reach the interesting places: settlements, refunds on both sides of them, withdrawals
        var (settled, refunds, withdrawals) = await market.Host.WithDbAsync(async db => (
            await db.Orders.CountAsync(o => o.SettledAt != null),
            await db.AfterSales.CountAsync(a => a.Status == AfterSaleStatus.Refunded),
            await db.Withdrawals.CountAsync()));
        Assert.True(settled > 0 && refunds > 0 && withdrawals > 0, $"seed {seed}: {settled} settled, {refunds} refunds, {withdrawals} withdrawals");
    }

    private static async Task RandomProgramsAsync(Market market, Random rng)
    {
        var programs = (await market.Operator.GetAsync("/api/ops/fee-programs")).Json.AsArray();
        var pick = programs[rng.Next(programs.Count)]!;
        switch (rng.Next(3))
        {
            case 0: await market.Operator.PutAsync($"/api/ops/fee-programs/{pick["id"]}", new { gmvCap = rng.Next(1, 200_000), rateBps = rng.Next(0, 300) }); break;
            case 1: await market.Operator.PostAsync($"/api/ops/fee-programs/{pick["id"]}/end"); break;
            default: await market.Operator.PostAsync("/api/ops/fee-programs", new { kind = "brand", name = "brand " + rng.Next(), rateBps = rng.Next(0, 500) }); break;
        }
    }

    private static async Task AssertWholeAsync(Market market, Api merchant, string shopId, string where)
    {
        var tb = (await market.Operator.GetAsync("/api/ops/ledger/trial-balance")).Json;
        Assert.True(tb["total"]!.GetValue<long>() == 0, $"{where}: trial balance {tb.ToJsonString()}");
        Assert.True(tb["balancesAgree"]!.GetValue<bool>(), $"{where}: balances disagree with the journal");

        var shop = Guid.Parse(shopId);
        await market.Host.WithDbAsync(async db =>
        {
            var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.ShopId == shop && o.PaidAt != null).ToListAsync();
            var parts = await db.SettlementParts.AsNoTracking().ToListAsync();
            var settles = await db.JournalEntries.AsNoTracking().Where(e => e.Key.StartsWith("settle:")).GroupBy(e => e.OrderId).Select(g => g.Count()).ToListAsync();
            Assert.All(settles, c => Assert.Equal(1, c));
            Assert.Equal(orders.Count(o => o.SettledAt != null), settles.Count);

            foreach (var o in orders)
            {
                Assert.True(o.Refunded <= o.Paid, $"{where}: order {o.Id} refunded more than paid");
                Assert.Equal(o.Refunded, o.Lines.Sum(l => l.Refunded) + (o.Refunded - o.Lines.Sum(l => l.Refunded)));
                if (o.SettledAt is null) continue;
                // the fee parts of a line cover exactly its fee base at settlement: no fen made or lost in the split
                foreach (var line in o.Lines)
                {
                    var lineParts = parts.Where(p => p.LineId == line.Id).ToList();
                    Assert.NotEmpty(lineParts);
                    Assert.All(lineParts, p => Assert.True(p.Fee >= 0 && p.Fee <= p.Base, $"{where}: fee {p.Fee} on base {p.Base}"));
                }
            }

            // what the ledger holds for the shop, from the orders' side
            var pending = -await db.AccountBalances.Where(b => b.Account == LedgerAccount.MerchantPending && b.OwnerId == shop).SumAsync(b => b.Amount);
            var expected = orders.Where(o => o.SettledAt == null && o.Status != OrderStatus.Cancelled).Sum(o => o.Paid - o.Refunded + o.Lines.Sum(l => l.PlatformDiscount - l.SubsidyReturned));
            Assert.True(expected == pending, $"{where}: pending {pending}, orders say {expected}");
            return 0;
        });
    }
}
