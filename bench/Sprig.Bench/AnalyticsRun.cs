using System.Diagnostics;
using System.Threading.Channels;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Sprig.Analytics;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Bench;

/// <summary>
/// Analytics at scale: N generated facts (90 days, 1,000 shops, 100,000 buyers, 200 items a shop; the funnel's
/// shape: impressions most, then clicks, views, carts, orders placed and paid, refunds, likes) written to the
/// facts table, folded by the real dispatcher, then the shop and ecosystem dashboards queried; beside it, the same
/// facts appended to an embedded DuckDB and the same dashboards computed from the raw facts there.
/// </summary>
public static class AnalyticsRun
{
    private const int Shops = 1_000, Buyers = 100_000, ItemsPerShop = 200, Chunk = 100_000;

    private sealed record Gen(FactKind Kind, int Day, int Shop, int Buyer, int Item, Scene Scene, TrafficSource Source, long Amount, long Gmv, DateTimeOffset At);

    public static async Task RunAsync(World w, string provider, long facts, int shopQueries, int batch, int days = 90, int writers = 2)
    {
        var dbs = w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>();
        var shopIds = Enumerable.Range(0, Shops).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        var buyerIds = Enumerable.Range(0, Buyers).Select(i => new Guid(i + 1, 1, 0, new byte[8])).ToArray();
        var today = DateTimeOffset.UtcNow;
        Console.WriteLine("| step | db | facts | seconds | facts/s |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");

        long have;
        await using (var db = await dbs.CreateDbContextAsync()) have = await db.Facts.LongCountAsync();
        if (have < facts)
        {
            var t = Stopwatch.StartNew();
            // facts come from many transactions at once in the product (every module writes its own): here from
            // `writers` connections, fed by one generator
            var chunks = Channel.CreateBounded<List<Fact>>(writers * 2);
            var generator = Task.Run(async () =>
            {
                foreach (var chunk in Generate(facts - have, 7 + have, today, days))
                    await chunks.Writer.WriteAsync(chunk.Select(g => ToFact(g, shopIds, buyerIds)).ToList());
                chunks.Writer.Complete();
            });
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync())
                {
                    await using var db = await dbs.CreateDbContextAsync();
                    await using var tx = await db.Database.BeginTransactionAsync();
                    await BulkInsert.InsertAsync(db, chunk, default);
                    await tx.CommitAsync();
                }
            })).Append(generator));
            Console.WriteLine($"| facts written (bulk, {Chunk:N0} per transaction, {writers} writers) | {provider} | {facts - have:N0} | {t.Elapsed.TotalSeconds:F0} | {(facts - have) / t.Elapsed.TotalSeconds:N0} |");
            await using var db2 = await dbs.CreateDbContextAsync();
            await db2.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        var dispatcher = w.App.Services.GetRequiredService<FactDispatcher>();
        var d = Stopwatch.StartNew();
        var folded = await dispatcher.RunAsync(default, batchSize: batch);
        if (folded > 0)
            Console.WriteLine($"| facts folded into rollups (dispatcher, batches of {batch:N0}) | {provider} | {folded:N0} | {d.Elapsed.TotalSeconds:F0} | {folded / d.Elapsed.TotalSeconds:N0} |");
        await using (var db = await dbs.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var period = new AnalyticsPeriod(AnalyticsDay.Date(AnalyticsDay.Of(today)).AddDays(-29), AnalyticsDay.Date(AnalyticsDay.Of(today)));
        var rng = new Random(11);
        var shopLat = new List<double>();
        for (var i = 0; i < shopQueries; i++)
        {
            using var scope = w.App.Services.CreateScope();
            var shop = shopIds[Skew(rng, Shops)];
            var s = Stopwatch.GetTimestamp();
            await scope.ServiceProvider.GetRequiredService<ShopAnalytics>().ReportAsync(shop, period, default);
            shopLat.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
        }
        var ecoLat = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            using var scope = w.App.Services.CreateScope();
            var s = Stopwatch.GetTimestamp();
            await scope.ServiceProvider.GetRequiredService<EcosystemAnalytics>().ReportAsync(period, default);
            ecoLat.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
        }

        // DuckDB over the same facts (regenerated from the same seeds), raw: no rollups
        var file = Path.Combine(Path.GetTempPath(), $"sprig-facts-{facts}.duckdb");
        await using var duck = new DuckDBConnection($"Data Source={file}");
        await duck.OpenAsync();
        var loaded = Scalar(duck, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'facts'") > 0 ? Scalar(duck, "SELECT count(*) FROM facts") : 0;
        if (loaded < facts)
        {
            Exec(duck, "DROP TABLE IF EXISTS facts; CREATE TABLE facts (kind TINYINT, day INTEGER, shop INTEGER, buyer INTEGER, item INTEGER, scene TINYINT, source TINYINT, amount BIGINT, gmv BIGINT)");
            var t = Stopwatch.StartNew();
            using (var app = duck.CreateAppender("facts"))
                foreach (var chunk in Generate(facts, 7, today, days))
                    foreach (var g in chunk)
                        app.CreateRow().AppendValue((sbyte)g.Kind).AppendValue(g.Day).AppendValue(g.Shop).AppendValue(g.Buyer).AppendValue(g.Item)
                            .AppendValue((sbyte)g.Scene).AppendValue((sbyte)g.Source).AppendValue(g.Amount).AppendValue(g.Gmv).EndRow();
            Console.WriteLine($"| facts appended to DuckDB | duckdb | {facts:N0} | {t.Elapsed.TotalSeconds:F0} | {facts / t.Elapsed.TotalSeconds:N0} |");
        }

        var duckShop = new List<double>();
        rng = new Random(11);
        var (from, to) = (period.FromDay, period.ToDay);
        for (var i = 0; i < shopQueries; i++)
        {
            var shop = Skew(rng, Shops);
            var s = Stopwatch.GetTimestamp();
            Exec(duck, $"""
                SELECT scene, source,
                  sum(gmv) FILTER (WHERE kind = {(int)FactKind.OrderPaid}), sum(amount) FILTER (WHERE kind = {(int)FactKind.OrderPaid}),
                  count(*) FILTER (WHERE kind = {(int)FactKind.OrderPaid}), sum(amount) FILTER (WHERE kind = {(int)FactKind.Refunded}),
                  count(*) FILTER (WHERE kind = {(int)FactKind.Impression}), count(*) FILTER (WHERE kind = {(int)FactKind.Click}),
                  count(*) FILTER (WHERE kind = {(int)FactKind.ProductView}), count(*) FILTER (WHERE kind = {(int)FactKind.AddToCart}),
                  count(*) FILTER (WHERE kind = {(int)FactKind.OrderPlaced})
                FROM facts WHERE shop = {shop} AND day BETWEEN {from} AND {to} GROUP BY scene, source;
                SELECT count(DISTINCT buyer) FROM facts WHERE shop = {shop} AND day BETWEEN {from} AND {to} AND kind = {(int)FactKind.OrderPaid};
                SELECT day, sum(gmv) FROM facts WHERE shop = {shop} AND day BETWEEN {from} AND {to} AND kind = {(int)FactKind.OrderPaid} GROUP BY day;
                SELECT item, count(*) FILTER (WHERE kind = {(int)FactKind.Impression}) AS imps, sum(gmv) FILTER (WHERE kind = {(int)FactKind.OrderPaid}) AS g
                FROM facts WHERE shop = {shop} AND day BETWEEN {from} AND {to} GROUP BY item ORDER BY g DESC NULLS LAST LIMIT 40
                """);
            duckShop.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
        }
        var duckEco = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var s = Stopwatch.GetTimestamp();
            Exec(duck, $"""
                SELECT day, scene, source, sum(gmv) FILTER (WHERE kind = {(int)FactKind.OrderPaid}), sum(amount) FILTER (WHERE kind = {(int)FactKind.OrderPaid}),
                  count(*) FILTER (WHERE kind = {(int)FactKind.OrderPaid}), sum(amount) FILTER (WHERE kind = {(int)FactKind.Refunded})
                FROM facts WHERE day BETWEEN {from} AND {to} GROUP BY day, scene, source;
                SELECT shop, min(day) FROM facts WHERE kind = {(int)FactKind.OrderPaid} GROUP BY shop;
                SELECT shop, day / 100 AS month, count(*) FROM facts WHERE kind = {(int)FactKind.OrderPaid} GROUP BY shop, month
                """);
            duckEco.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine("| dashboard (last 30 days) | engine | runs | p50 ms | p99 ms |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        Console.WriteLine($"| shop | {provider} rollups | {shopQueries} | {P(shopLat, 50):F1} | {P(shopLat, 99):F1} |");
        Console.WriteLine($"| shop | DuckDB over raw facts | {shopQueries} | {P(duckShop, 50):F1} | {P(duckShop, 99):F1} |");
        Console.WriteLine($"| ecosystem | {provider} rollups | 20 | {P(ecoLat, 50):F1} | {P(ecoLat, 99):F1} |");
        Console.WriteLine($"| ecosystem | DuckDB over raw facts | 20 | {P(duckEco, 50):F1} | {P(duckEco, 99):F1} |");
    }

    /// <summary>Facts as they arrive: in time order over the 90 days (a batch of the dispatcher covers minutes, as in a live system).</summary>
    private static IEnumerable<List<Gen>> Generate(long count, long seed, DateTimeOffset today, int days)
    {
        var rng = new Random((int)seed);
        var start = today.AddDays(-days + 1);
        var step = days * 86_400.0 / count;
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(Chunk, count - done);
            var chunk = new List<Gen>(n);
            for (var i = 0; i < n; i++)
            {
                var r = rng.Next(1000);
                var kind = r switch
                {
                    < 600 => FactKind.Impression, < 750 => FactKind.Click, < 830 => FactKind.ProductView, < 870 => FactKind.AddToCart,
                    < 900 => FactKind.OrderPlaced, < 930 => FactKind.OrderPaid, < 935 => FactKind.Refunded, < 980 => FactKind.Like, _ => FactKind.Share,
                };
                var at = start.AddSeconds((done + i + rng.NextDouble()) * step);
                var shop = Skew(rng, Shops);
                var scene = (Scene)rng.Next(9);
                var source = scene is Scene.Share or Scene.OfficialAccount or Scene.MiniProgram ? TrafficSource.Private : TrafficSource.Public;
                var price = kind is FactKind.OrderPaid or FactKind.Refunded ? 1_000 + rng.Next(30_000) : 0;
                chunk.Add(new Gen(kind, AnalyticsDay.Of(at), shop, rng.Next(Buyers), shop * ItemsPerShop + Skew(rng, ItemsPerShop), scene, source,
                    price, kind == FactKind.OrderPaid ? price + 600 : 0, at));
            }
            done += n;
            yield return chunk;
        }
    }

    private static Fact ToFact(Gen g, Guid[] shops, Guid[] buyers) => new()
    {
        Key = "bench:" + Ids.New().ToString("N"), Kind = g.Kind, At = g.At, ShopId = shops[g.Shop], BuyerId = buyers[g.Buyer],
        ItemId = new Guid(g.Item + 1, 2, 0, new byte[8]), Scene = g.Scene, Source = g.Source, Amount = g.Amount, Gmv = g.Gmv,
    };

    private static int Skew(Random rng, int n) { var u = rng.NextDouble(); return Math.Min(n - 1, (int)(u * u * n)); }

    private static double P(List<double> xs, double p) => Latencies.Percentile(xs, p);

    private static void Exec(DuckDBConnection c, string sql)
    {
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = statement;
            using var r = cmd.ExecuteReader();
            while (r.Read()) { }
        }
    }

    private static long Scalar(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
