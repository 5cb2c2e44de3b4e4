using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Bench;

/// <summary>Settlement of many due orders: generated straight into the database, then settled by the real job.</summary>
public static class SettlementRun
{
    public static async Task RunAsync(World w, int count, string provider)
    {
        var sku = await w.HotSkuAsync(1);
        Guid productId;
        var dbs = w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>();
        await using (var db = await dbs.CreateDbContextAsync())
            productId = await db.Skus.Where(s => s.Id == sku).Select(s => s.ProductId).FirstAsync();

        var gen = Stopwatch.StartNew();
        var received = DateTimeOffset.UtcNow.AddDays(-8);
        const int chunk = 10_000;
        for (var done = 0; done < count; done += chunk)
        {
            var orders = new List<Order>(chunk);
            for (var i = 0; i < Math.Min(chunk, count - done); i++)
            {
                var id = Ids.New();
                var price = 1_000 + (done + i) % 50_000;
                var o = new Order
                {
                    Id = id, BuyerId = w.Buyers[i % w.Buyers.Count].Id, ShopId = w.ShopId, Original = price, Paid = price, Address = World.ShipTo,
                    CreatedAt = received.AddDays(-3), PayBy = received.AddDays(-3).AddMinutes(15), Scene = (Scene)(i % 7),
                    Lines = [new OrderLine { Id = Ids.New(), OrderId = id, SkuId = sku, ProductId = productId, Title = "hot item", SkuName = "only", Quantity = 1, UnitPrice = price, Original = price, Paid = price, ShippingHours = 48 }],
                };
                o.MarkPaid(received.AddDays(-3));
                o.Ship("SF", "SF" + i, null, received.AddDays(-2));
                o.ConfirmReceipt(received, automatic: false);
                orders.Add(o);
            }
            await using var db = await dbs.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, orders, default);
            await BulkInsert.InsertAsync(db, orders.SelectMany(o => o.Lines).ToList(), default);
            await BulkInsert.InsertAsync(db, orders.SelectMany(o => o.Shipments).ToList(), default);
            await tx.CommitAsync();
        }
        Console.WriteLine($"generated {count:N0} due orders in {gen.Elapsed.TotalSeconds:F1} s");
        // a bulk load leaves the database catching up (SQLite's WAL checkpoint, PostgreSQL's statistics);
        // orders that accumulate over days would not, so let it catch up before timing
        await using (var db = await dbs.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "VACUUM ANALYZE" : "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");

        var settlement = w.App.Services.GetRequiredService<Settlement>();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        var settled = 0;
        long peakManaged = 0;
        var marks = new List<string>();
        while (true)
        {
            var n = await settlement.SettleBatchAsync(Settlement.BatchSize, default);
            if (n == 0) break;
            settled += n;
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            if (settled % (count / 5) < Settlement.BatchSize)
                marks.Add($"{settled:N0} at {watch.Elapsed.TotalSeconds:F1} s, managed heap {GC.GetTotalMemory(false) / 1_048_576} MiB");
        }
        watch.Stop();
        Console.WriteLine($"| settlement, batches of {Settlement.BatchSize} | {provider} | {settled:N0} | {watch.Elapsed.TotalSeconds:F1} | {settled / watch.Elapsed.TotalSeconds:N0} | {before / 1_048_576} MiB before, peak {peakManaged / 1_048_576} MiB |");
        foreach (var m in marks) Console.WriteLine("  " + m);
    }
}
