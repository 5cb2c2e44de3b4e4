using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sprig.Catalog;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Bench;

/// <summary>
/// The shelf over the demo catalogue plus generated products: how long the index takes to fill (from the change
/// feed, and as a start-up build from the tables), query latency in process and over HTTP, and how long a new
/// listing takes to become searchable with the default polling.
/// </summary>
public static class SearchRun
{
    private static readonly string[] Materials = ["纯棉", "重磅", "真丝", "羊毛", "加绒", "冰丝", "磁吸", "无线", "蓝牙", "快充", "保湿", "修护", "有机", "手工", "原味", "低糖"];
    private static readonly string[] Things = ["T恤", "卫衣", "睡衣", "大衣", "衬衫", "充电器", "手机壳", "耳机", "充电宝", "精华", "面霜", "洁面乳", "坚果", "牛轧糖", "普洱茶", "绿茶", "炒锅", "绘本"];
    private static readonly string[] Who = ["男款", "女款", "儿童", "情侣", "礼盒", "家庭装", "", ""];
    private static readonly string[] English = ["Organic Cotton T-Shirt", "Wireless Earbuds", "Fast Charger 20W", "iPhone 15 Case", "Daily Mixed Nuts", "Hydrating Serum", "Cast Iron Pan"];

    public static async Task RunAsync(World w, int extra, string provider)
    {
        var dbs = w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>();
        using (var scope = w.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Server.Demo.DemoData>().SeedAsync();
        var index = w.App.Services.GetRequiredService<ShelfIndex>();
        await index.Ready;
        var shops = await GenerateAsync(dbs, extra);
        var total = await CountListedAsync(dbs);

        // 1. the feed: one row per generated shop, and the running node re-reads all of their products
        var feed = Stopwatch.StartNew();
        await using (var db = await dbs.CreateDbContextAsync())
        {
            foreach (var s in shops) CatalogChange.OfShop(db, s, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        while (index.Count < total) await Task.Delay(20);
        feed.Stop();

        // 2. a node starting on this catalogue: the build from the tables
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        using var fresh = new ShelfIndex(w.App.Services.GetRequiredService<IOptions<ShelfOptions>>());
        var sync = new ShelfSync(fresh, dbs, w.App.Services.GetRequiredService<IOptions<ShelfOptions>>(), TimeProvider.System,
            w.App.Services.GetRequiredService<IHostApplicationLifetime>(), w.App.Services.GetRequiredService<ILogger<ShelfSync>>());
        await sync.BuildAsync(CancellationToken.None);
        build.Stop();
        var memory = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;

        // 3. the same documents without the database: what analysis (jieba, stemming) and Lucene cost alone
        List<IndexedProduct> all = [];
        await using (var db = await dbs.CreateDbContextAsync())
        {
            var categories = await ShelfReads.CategoriesAsync(db, default);
            await foreach (var batch in ShelfReads.AllProductsAsync(db, categories, 2_000, default)) all.AddRange(batch);
        }
        var analysis = Stopwatch.StartNew();
        using (var memoryOnly = new ShelfIndex(w.App.Services.GetRequiredService<IOptions<ShelfOptions>>()))
        {
            foreach (var p in all) memoryOnly.Put(p);
            memoryOnly.Publish();
        }
        analysis.Stop();

        Console.WriteLine($"Catalogue: {total:N0} listed products ({total - extra:N0} demo, {extra:N0} generated in {shops.Count} shops); database: {provider}");
        Console.WriteLine();
        Console.WriteLine("| step | products | seconds |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| index filled from the change feed ({shops.Count} shop rows) | {total:N0} | {feed.Elapsed.TotalSeconds:F1} |");
        Console.WriteLine($"| index built from the tables at start (managed heap +{memory / 1_048_576:N0} MB) | {fresh.Count:N0} | {build.Elapsed.TotalSeconds:F1} |");
        Console.WriteLine($"| the same documents from memory (analysis and Lucene only) | {all.Count:N0} | {analysis.Elapsed.TotalSeconds:F1} |");
        Console.WriteLine();

        // 4. queries, one at a time, in process
        var parent = await FirstCategoryAsync(dbs, leaf: false);
        var leaf = await FirstCategoryAsync(dbs, leaf: true);
        var queries = new (string Name, ShelfQuery Query)[]
        {
            ("one Chinese word: T恤", Q("T恤")),
            ("three words: 纯棉 T恤 男款", Q("纯棉 T恤 男款")),
            ("English: wireless earbuds", Q("wireless earbuds")),
            ("rare word: 牛轧糖 礼盒", Q("牛轧糖 礼盒")),
            ("word + price range, by price", ShelfQuery.Create("充电器", null, null, 1_000, 20_000, "priceAsc", 20, null)),
            ("category browse (subtree), by relevance", ShelfQuery.Create(null, parent, null, null, null, null, 20, null)),
            ("everything, by sales", ShelfQuery.Create(null, null, null, null, null, "sales", 20, null)),
            ("shop page, by sales", ShelfQuery.Create(null, null, shops[0], null, null, "sales", 20, null)),
        };
        Console.WriteLine("| query (limit 20) | hits on page | runs | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, q) in queries)
        {
            for (var i = 0; i < 50; i++) index.Search(q); // warm-up
            const int runs = 1_000;
            var times = new double[runs];
            var hits = 0;
            for (var i = 0; i < runs; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                hits = index.Search(q).Items.Count;
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"| {name} | {hits} | {runs:N0} | {times[runs / 2]:F2} | {times[(int)(runs * 0.99)]:F2} |");
        }
        Console.WriteLine();

        // 5. the same mix over HTTP, 16 clients at once
        var paths = new[]
        {
            "/api/search/products?q=T%E6%81%A4", "/api/search/products?q=" + Uri.EscapeDataString("纯棉 T恤 男款"),
            "/api/search/products?q=wireless%20earbuds", "/api/search/products?q=" + Uri.EscapeDataString("充电器") + "&minPrice=1000&maxPrice=20000&sort=priceAsc",
            $"/api/categories/{parent}/products", $"/api/shops/{shops[0]}/page",
        };
        const int clients = 16, perClient = 500;
        var l = new Latencies(clients);
        l.Start();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var http = new HttpClient { BaseAddress = w.Address };
            for (var i = 0; i < perClient; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var res = await http.GetAsync(paths[(c + i) % paths.Length]);
                await res.Content.ReadAsByteArrayAsync();
                if (res.IsSuccessStatusCode) Interlocked.Increment(ref l.Succeeded); else Interlocked.Increment(ref l.Failed);
                l.Record(c, t0);
            }
        }));
        l.Stop();
        Console.WriteLine("| HTTP mix | clients | requests | seconds | req/s | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| 6 routes above, round robin | {clients} | {l.Succeeded:N0}{(l.Failed > 0 ? $" ({l.Failed} failed)" : "")} | {l.Elapsed.TotalSeconds:F1} | {l.PerSecond:N0} | {l.Percentile(50):F1} | {l.Percentile(99):F1} |");
        Console.WriteLine();

        // 6. a new listing until this node's search finds it (default polling)
        var visible = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var word = $"基准{i}号";
            using var scope = w.App.Services.CreateScope();
            var desk = scope.ServiceProvider.GetRequiredService<ProductDesk>();
            var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
            var shop = await db.Shops.FirstAsync(s => s.Id == w.ShopId);
            var p = await desk.CreateAsync(shop, new NewProduct($"{word} 测试商品", leaf, null, [new NewSku("only", 1_000, 10)]));
            var t0 = Stopwatch.GetTimestamp();
            await desk.ListAsync(shop, p.Id);
            while (index.Search(Q(word)).Items.Count == 0) await Task.Delay(5);
            visible.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        visible.Sort();
        var poll = w.App.Services.GetRequiredService<IOptions<ShelfOptions>>().Value.PollMilliseconds;
        Console.WriteLine($"| listing → searchable on the same node (poll {poll} ms) | runs | p50 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| list, then search until found | {visible.Count} | {visible[visible.Count / 2]:F0} | {visible[^1]:F0} |");
    }

    private static ShelfQuery Q(string text) => ShelfQuery.Create(text, null, null, null, null, null, 20, null);

    private static async Task<Guid> FirstCategoryAsync(IDbContextFactory<SprigDb> dbs, bool leaf)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Categories.Where(c => (c.ParentId != null) == leaf).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
    }

    private static async Task<int> CountListedAsync(IDbContextFactory<SprigDb> dbs)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Products.CountAsync(p => p.Status == ProductStatus.Listed && db.Shops.Any(s => s.Id == p.ShopId && s.Status == ShopStatus.Open));
    }

    /// <summary>Open shops and listed products with 1–3 SKUs, written straight to the tables (no feed rows: the caller adds them).</summary>
    private static async Task<List<Guid>> GenerateAsync(IDbContextFactory<SprigDb> dbs, int count)
    {
        var rng = new Random(42);
        var now = DateTimeOffset.UtcNow;
        await using var db = await dbs.CreateDbContextAsync();
        var leaves = await db.Categories.Where(c => c.ParentId != null).Select(c => c.Id).ToListAsync();
        var owner = await db.Users.Select(u => u.Id).FirstAsync();
        var shops = Enumerable.Range(0, Math.Max(1, count / 1_000)).Select(i => new Shop
        {
            Id = Ids.New(), OwnerId = owner, Name = $"基准店铺 {i}", Kind = ShopKind.Enterprise, CreatedAt = now,
        }).ToList();
        foreach (var s in shops) s.Approve(now);
        db.Shops.AddRange(shops);
        await db.SaveChangesAsync();

        const int chunk = 5_000;
        for (var done = 0; done < count; done += chunk)
        {
            var products = new List<Product>();
            var skus = new List<Sku>();
            for (var i = 0; i < Math.Min(chunk, count - done); i++)
            {
                var shop = shops[(done + i) % shops.Count].Id;
                var title = rng.Next(10) == 0
                    ? English[rng.Next(English.Length)] + " " + rng.Next(100)
                    : $"{Materials[rng.Next(Materials.Length)]}{Materials[rng.Next(Materials.Length)]}{Things[rng.Next(Things.Length)]}{Who[rng.Next(Who.Length)]} {rng.Next(1000)}";
                var p = new Product { Id = Ids.New(), ShopId = shop, CategoryId = leaves[rng.Next(leaves.Count)], Title = title, Description = "基准商品描述", CreatedAt = now };
                for (var k = 0; k < 1 + rng.Next(3); k++)
                    p.Skus.Add(new Sku { Id = Ids.New(), ProductId = p.Id, ShopId = shop, Name = $"规格 {k + 1}", Price = 100 + rng.Next(100_000), Stock = rng.Next(1_000) });
                p.List(now);
                products.Add(p);
                skus.AddRange(p.Skus);
            }
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, products, default);
            await BulkInsert.InsertAsync(db, skus, default);
            await tx.CommitAsync();
        }
        return shops.Select(s => s.Id).ToList();
    }
}
