using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Promotions;

/// <summary>The hard caps of promotions under racing checkouts: a budget is never overdrawn, a flash quota never oversold.</summary>
public sealed class PromotionRaceTests
{
    public static TheoryData<string, bool> Setups => new() { { "sqlite", false }, { "postgres", false }, { "postgres", true } };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task ABudgetOfAThousandYuan_With10YuanSubsidies_AndFiveHundredRacingCheckouts_NeverGoesBelowZero(string provider, bool twoHosts)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (5_000, 1_000));
        var (couponId, budgetId) = await Promos.PlatformCouponAsync(market, budget: 100_000, kind: "direct", amount: 1_000, threshold: null, total: 500);
        var buyers = await market.Host.UsersAsync(500);
        var copies = new List<string>();
        foreach (var chunk in buyers.Chunk(50)) copies.AddRange(await Task.WhenAll(chunk.Select(b => Promos.ClaimAsync(b, couponId))));
        await using var second = twoHosts ? new TestHost(market.Host.Database, demo: false) : null;
        var callers = buyers.Select((b, i) => Via(b, i, second)).ToList();

        var replies = await Task.WhenAll(callers.Select((b, i) => b.PostAsync("/api/orders", Promos.Order(skus[0], 1, copies[i]))));

        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        Assert.Equal(100, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "budget_exhausted"));
        Assert.Equal(100_000, await Promos.BudgetDrawnAsync(market, budgetId));
        // what the orders' lines record as drawn is what the budget drew
        Assert.Equal(100_000, await market.Host.WithDbAsync(db => db.OrderLines.SumAsync(l => l.PlatformDiscount)));
        // the refused checkouts took nothing: their coupons are unused and the stock is whole
        Assert.Equal(100, await market.Host.WithDbAsync(db => db.Orders.CountAsync(o => o.PlatformBuyerCouponId != null)));
        Assert.Equal(900, await market.StockAsync(productId, skus[0]));
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task AFlashSaleOfFifty_LimitOne_UnderAThousandBuyers_SellsExactlyFifty_AndNobodyPassesTheLimit(string provider, bool twoHosts)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (9_900, 5_000));
        var saleId = await Promos.FlashSaleAsync(market, merchant, shopId, skus[0], price: 990, quota: 50, perBuyer: 1);
        var buyers = await market.Host.UsersAsync(1000);
        await using var second = twoHosts ? new TestHost(market.Host.Database, demo: false) : null;
        var callers = buyers.Select((b, i) => Via(b, i, second)).ToList();
        // every fifth buyer tries twice at once, and some ask for two units in one order
        var attempts = callers.SelectMany((b, i) => i % 5 == 0 ? new[] { (b, 1), (b, 1) } : i % 7 == 0 ? new[] { (b, 2) } : new[] { (b, 1) }).ToList();

        var replies = await Task.WhenAll(attempts.Select(a => a.Item1.PostAsync("/api/orders", Promos.Order(skus[0], a.Item2))));

        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        var lines = await market.Host.WithDbAsync(db => db.OrderLines.Where(l => l.FlashSaleId == Guid.Parse(saleId))
            .Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { o.BuyerId, l.Quantity, l.UnitPrice }).ToListAsync());
        Assert.Equal(50, lines.Sum(l => l.Quantity));
        Assert.All(lines, l => Assert.Equal(990, l.UnitPrice));
        Assert.All(lines.GroupBy(l => l.BuyerId), g => Assert.True(g.Sum(l => l.Quantity) <= 1, $"buyer {g.Key} bought {g.Sum(l => l.Quantity)} at the flash price"));
        Assert.Equal(50, await market.Host.WithDbAsync(db => db.FlashSales.Where(f => f.Id == Guid.Parse(saleId)).Select(f => f.Sold).SingleAsync()));
        // once the quota was gone the SKU sold at its own price again
        var created = replies.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Json["lines"]![0]!["unitPrice"]!.GetValue<long>()).ToList();
        Assert.Equal(50, created.Count(p => p == 990));
        Assert.All(created.Where(p => p != 990), p => Assert.Equal(9_900, p));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Contains(r.Code, new[] { "limit_reached", "flash_sale_sold_out" }));
    }

    /// <summary>
    /// Checkouts that race themselves land in different batches (two writers, and two hosts), where each batch's
    /// first read may be stale: a coupon copy named by many orders at once and an idempotency key sent many times
    /// at once must still make one order each, and the innocent orders batched with them must all be placed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Setups))]
    public async Task OneCouponCopy_AndOneIdempotencyKey_SentManyTimesAtOnce_MakeOneOrderEach_AndTheirNeighboursArePlaced(string provider, bool twoHosts)
    {
        await using var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (productId, skus) = await market.ListProductAsync(merchant, shopId, (5_000, 1_000));
        var (couponId, budgetId) = await Promos.PlatformCouponAsync(market, budget: 100_000, kind: "direct", amount: 1_000, threshold: null, total: 10);
        var users = await market.Host.UsersAsync(302);
        var (couponBuyer, keyBuyer, others) = (users[0], users[1], users.Skip(2).ToList());
        var copy = await Promos.ClaimAsync(couponBuyer, couponId);
        await using var second = twoHosts ? new TestHost(market.Host.Database, demo: false) : null;

        var withCoupon = Enumerable.Range(0, 60).Select(i => Via(couponBuyer, i, second).PostAsync("/api/orders", Promos.Order(skus[0], 1, copy))).ToList();
        var withKey = Enumerable.Range(0, 60).Select(i => Via(keyBuyer, i, second).PostAsync("/api/orders", Promos.Order(skus[0], 2), idempotencyKey: "race-1")).ToList();
        var plain = others.Select((b, i) => Via(b, i, second).PostAsync("/api/orders", Promos.Order(skus[0], 1))).ToList();
        var couponReplies = await Task.WhenAll(withCoupon);
        var keyReplies = await Task.WhenAll(withKey);
        var plainReplies = await Task.WhenAll(plain);

        Assert.DoesNotContain(couponReplies.Concat(keyReplies).Concat(plainReplies), r => (int)r.Status >= 500);
        Assert.Single(couponReplies, r => r.Status == HttpStatusCode.Created);
        Assert.All(couponReplies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectProblem(HttpStatusCode.Conflict, "coupon_used"));
        Assert.All(keyReplies, r => r.Expect(HttpStatusCode.Created));
        Assert.Single(keyReplies.Select(r => r.Id).Distinct());
        Assert.Equal(300, plainReplies.Length);
        Assert.All(plainReplies, r => r.Expect(HttpStatusCode.Created));

        // one coupon order, one keyed order of two, 300 plain orders: stock, budget and orders agree
        Assert.Equal(1_000 - 1 - 2 - 300, await market.StockAsync(productId, skus[0]));
        Assert.Equal(1_000, await Promos.BudgetDrawnAsync(market, budgetId));
        Assert.Equal(302, await market.Host.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.OrderLines.CountAsync(l => l.PlatformDiscount > 0)));
    }

    /// <summary>With two hosts, every other caller goes through the second.</summary>
    private static Api Via(Api buyer, int i, TestHost? second) => second is not null && i % 2 == 1 ? buyer.On(second) : buyer;
}
