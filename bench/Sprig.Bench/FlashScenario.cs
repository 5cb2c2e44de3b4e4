using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Promotions;

namespace Sprig.Bench;

/// <summary>
/// The promoted checkout: a hot SKU in a flash sale (its own quota, a per-buyer limit) bought with a platform coupon
/// that draws on a subsidy budget, all in one order. Buyers race until the flash quota is gone; the check at the end
/// is that exactly the quota sold at the flash price, and the budget drew exactly one subsidy per such order.
/// </summary>
public static class FlashScenario
{
    public const long Subsidy = 100;

    public static async Task<Scenarios.Result> RunAsync(World w, int workers, int quota)
    {
        var sku = await w.HotSkuAsync(quota * 2);
        var (saleId, budgetId, coupons) = await SetUpAsync(w, sku, workers, quota);
        var placement = w.App.Services.GetRequiredService<OrderPlacement>();
        var l = new Latencies(workers);
        l.Start();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(async () =>
        {
            var buyer = w.Buyers[i % w.Buyers.Count].Id;
            foreach (var coupon in coupons[i])
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    var order = await placement.PlaceAsync(new PlaceOrder(buyer, [new OrderItem(sku, 1)], World.ShipTo, CouponIds: [coupon]));
                    // the quota is gone once an order comes back at the SKU's own price
                    if (order.Lines[0].FlashSaleId is null) { Interlocked.Increment(ref l.Refused); return; }
                    l.Record(i, t0);
                    Interlocked.Increment(ref l.Succeeded);
                }
                catch (SprigException e) when (e.Code is "flash_sale_sold_out" or "budget_exhausted" or "limit_reached")
                {
                    Interlocked.Increment(ref l.Refused);
                    return;
                }
            }
        })));
        l.Stop();

        await using var db = await w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>().CreateDbContextAsync();
        var sold = await db.OrderLines.Where(l => l.FlashSaleId == saleId).SumAsync(l => l.Quantity);
        var counted = await db.FlashSales.Where(f => f.Id == saleId).Select(f => f.Sold).FirstAsync();
        var drawn = await db.SubsidyBudgets.Where(b => b.Id == budgetId).Select(b => b.Drawn).FirstAsync();
        // one line per order here; asked of the lines, so SQLite does not probe every order's lines for the SKU
        var ordersWithCoupon = await db.OrderLines.CountAsync(x => x.SkuId == sku && x.PlatformDiscount > 0);
        var consistent = counted == sold && drawn == ordersWithCoupon * Subsidy;
        return new("in-process, flash sale + platform coupon", workers, quota, l, consistent ? quota - sold : -1, sold);
    }

    /// <summary>The flash sale, a platform coupon with a budget for every unit, and enough claimed coupons for each buyer.</summary>
    private static async Task<(Guid SaleId, Guid BudgetId, List<Guid>[] Coupons)> SetUpAsync(World w, Guid sku, int workers, int quota)
    {
        await using var db = await w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        // twice a fair share: the limit is checked and counted on every order, but the quota is what ends the run
        var perBuyer = 2 * ((quota + workers - 1) / workers) + 1;
        var skuRow = await db.Skus.FirstAsync(s => s.Id == sku);
        var sale = new FlashSale
        {
            Id = Ids.New(), ShopId = w.ShopId, SkuId = sku, ProductId = skuRow.ProductId, Price = skuRow.Price / 2, RegularPrice = skuRow.Price,
            Quota = quota, PerBuyerLimit = perBuyer, StartsAt = now.AddMinutes(-1), EndsAt = now.AddHours(1), CreatedAt = now,
        };
        // a budget for every unit and a little more: the quota, not the budget, ends the run
        var budget = new SubsidyBudget { Id = Ids.New(), Name = "bench", Total = (quota + workers) * Subsidy, CreatedAt = now };
        var coupon = new Coupon
        {
            Id = Ids.New(), Funding = CouponFunding.Platform, Kind = CouponKind.Direct, Amount = Subsidy, TotalQuantity = workers * (perBuyer + 1),
            PerBuyerLimit = perBuyer + 1, ClaimFrom = now.AddMinutes(-1), ClaimTo = now.AddDays(1), BudgetId = budget.Id, CreatedAt = now,
        };
        db.AddRange(sale, budget, coupon);
        await db.SaveChangesAsync();

        var coupons = new List<Guid>[workers];
        var copies = new List<BuyerCoupon>();
        for (var i = 0; i < workers; i++)
        {
            coupons[i] = [];
            for (var k = 1; k <= perBuyer + 1; k++)
            {
                var copy = new BuyerCoupon
                {
                    Id = Ids.New(), CouponId = coupon.Id, BuyerId = w.Buyers[i % w.Buyers.Count].Id, Ordinal = k + i / w.Buyers.Count * (perBuyer + 1),
                    ClaimedAt = now, ExpiresAt = now.AddDays(1),
                };
                copies.Add(copy);
                coupons[i].Add(copy.Id);
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, copies, CancellationToken.None);
        await tx.CommitAsync();
        return (sale.Id, budget.Id, coupons);
    }
}
