using System.CommandLine;
using System.Runtime.InteropServices;
using Sprig.Bench;

// Hot-SKU checkout benchmark. Prints a Markdown table for docs/benchmarks.md.
var provider = new Option<string>("--provider") { DefaultValueFactory = _ => "sqlite", Description = "sqlite or postgres" };
var connection = new Option<string?>("--connection") { Description = "connection string (default: a temp SQLite file)" };
var workers = new Option<int>("--buyers") { DefaultValueFactory = _ => 1000, Description = "concurrent buyers" };
var stock = new Option<int>("--stock") { DefaultValueFactory = _ => 50_000, Description = "units of the hot SKU for the Sprig scenarios" };
var naiveStock = new Option<int>("--naive-stock") { DefaultValueFactory = _ => 3_000, Description = "units for the naive baseline" };
var port = new Option<int>("--port") { DefaultValueFactory = _ => 5190, Description = "loopback port for the HTTP scenarios" };
var settleOrders = new Option<int>("--settle-orders") { DefaultValueFactory = _ => 1_000_000, Description = "due orders for the settlement scenario" };
var searchProducts = new Option<int>("--search-products") { DefaultValueFactory = _ => 100_000, Description = "generated products for the search scenario" };
var only = new Option<string?>("--only") { Description = "comma-separated scenarios: inproc, flash, inproc-pay, http, http-pay, naive; or settle, or price, or feed, or search, or analytics, alone" };
var feedItems = new Option<int>("--feed-items") { DefaultValueFactory = _ => 1_000_000, Description = "feed items for the feed scenario" };
var feedBuyers = new Option<int>("--feed-buyers") { DefaultValueFactory = _ => 100_000, Description = "buyers for the feed scenario" };
var feedEdges = new Option<long>("--feed-edges") { DefaultValueFactory = _ => 10_000_000, Description = "social edges for the feed scenario" };
var feedClients = new Option<int>("--feed-clients") { DefaultValueFactory = _ => 8, Description = "concurrent feed requests" };
var feedSeconds = new Option<int>("--feed-seconds") { DefaultValueFactory = _ => 20, Description = "seconds per feed measurement" };
var facts = new Option<long>("--facts") { DefaultValueFactory = _ => 50_000_000, Description = "generated facts for the analytics scenario" };
var shopQueries = new Option<int>("--shop-queries") { DefaultValueFactory = _ => 200, Description = "shop dashboards queried in the analytics scenario" };
var factDays = new Option<int>("--fact-days") { DefaultValueFactory = _ => 90, Description = "days the analytics scenario's facts are spread over (fewer days, denser rollups)" };
var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 1, Description = "with inproc and flash: pairs of plain and promoted runs, alternating which goes first, then the medians" };
var factWriters = new Option<int>("--fact-writers") { DefaultValueFactory = _ => 2, Description = "connections writing the analytics scenario's facts at once" };
var foldBatch = new Option<int>("--fold-batch") { DefaultValueFactory = _ => 50_000, Description = "facts per dispatcher batch in the analytics scenario" };
var feedPages = new Option<int>("--feed-pages") { DefaultValueFactory = _ => 1, Description = "pages each feed client serves one buyer in a row before it picks another (1: every feed a random buyer)" };
var feedWarm = new Option<bool>("--feed-warm") { DefaultValueFactory = _ => false, Description = "fill the node's social copy for every buyer before measuring, as ten minutes of traffic would (default: a node that has just started fills it as it serves)" };
var feedRates = new Option<string?>("--feed-rates") { Description = "after the feed scenario's runs, comma-separated arrival rates (feeds/s) for open-loop runs of --feed-seconds each: requests sent on time whatever is in flight" };
var naiveFeeds = new Option<int>("--naive-feeds") { DefaultValueFactory = _ => 10, Description = "requests of the naive feed" };

var root = new RootCommand("Sprig hot-path benchmarks") { provider, connection, workers, stock, naiveStock, port, settleOrders, searchProducts, only, feedItems, feedBuyers, feedEdges, feedClients, feedSeconds, feedPages, feedWarm, feedRates, naiveFeeds, facts, shopQueries, foldBatch, factDays, factWriters, rounds };
root.SetAction(async r =>
{
    var p = r.GetValue(provider)!;
    var temp = Path.Combine(Path.GetTempPath(), $"sprig-bench-{Guid.NewGuid():N}.db");
    var cs = r.GetValue(connection) ?? $"Data Source={temp}";
    var n = r.GetValue(workers);
    var units = r.GetValue(stock);
    var pick = (r.GetValue(only) ?? "inproc,flash,inproc-pay,http,http-pay,naive").Split(',');
    if (pick.Contains("price"))
    {
        PriceRun.Run(); // in-process arithmetic: no host, no database
        return;
    }

    await using var world = await World.StartAsync(p, cs, n, r.GetValue(port));
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; database: {p}");
    Console.WriteLine();
    void Row(Scenarios.Result x) => Console.WriteLine(
        $"| {x.Name} | {p} | {x.Workers} | {x.L.Succeeded} | {x.L.Elapsed.TotalSeconds:F1} | {x.L.PerSecond:N0} | {x.L.Percentile(50):F1} | {x.L.Percentile(99):F1} | {(x.Oversold ? "**YES**" : "no")} |" +
        (x.L.Failed > 0 ? $" ({x.L.Failed} failed)" : ""));

    if (pick.Contains("analytics"))
    {
        await AnalyticsRun.RunAsync(world, p, r.GetValue(facts), r.GetValue(shopQueries), r.GetValue(foldBatch), r.GetValue(factDays), r.GetValue(factWriters));
        return;
    }
    if (pick.Contains("phases")) { await FeedPhases.RunAsync(world); return; }
    if (pick.Contains("feed"))
    {
        await FeedRun.RunAsync(world, p, new Sprig.Server.FeedWorldSize(r.GetValue(feedItems), r.GetValue(feedBuyers), r.GetValue(feedEdges)),
            r.GetValue(feedClients), TimeSpan.FromSeconds(r.GetValue(feedSeconds)), Math.Max(1, r.GetValue(feedPages)), r.GetValue(feedWarm), r.GetValue(naiveFeeds),
            (r.GetValue(feedRates) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList());
        return;
    }
    if (pick.Contains("search"))
    {
        await SearchRun.RunAsync(world, r.GetValue(searchProducts), p);
        // its catalogue is large: unlinked now, gone when the host closes it
        if (r.GetValue(connection) is null)
            foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" }) File.Delete(f);
        return;
    }
    if (pick.Contains("settle"))
    {
        Console.WriteLine("| scenario | db | orders | seconds | orders/s | memory |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | --- |");
        await SettlementRun.RunAsync(world, r.GetValue(settleOrders), p);
        return;
    }
    Console.WriteLine("| scenario | db | buyers | orders | seconds | orders/s | p50 ms | p99 ms | oversold |");
    Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    // a warm-up of each measured checkout path, with every buyer, long enough for tiered JIT to reach optimised code
    // and the connection pool to fill: after a short one (50 buyers, 2,000 orders) the first scenario was measured on
    // colder code, and the plain checkout ran at a third of its warm rate on a loaded machine (the promoted one after it)
    await Scenarios.InProcessAsync(world, n, 20_000, pay: false);
    if (pick.Contains("flash")) await FlashScenario.RunAsync(world, n, 10_000);
    if (pick.Contains("inproc") && pick.Contains("flash") && r.GetValue(rounds) > 1)
    {
        // one pair of runs is noisy (±15% on this machine, more on a shared one) and the second of a pair runs on a
        // bigger database: several pairs, each starting with the other path, and the ratio of the medians
        var (plain, promoted) = (new List<double>(), new List<double>());
        for (var round = 0; round < r.GetValue(rounds); round++)
        {
            foreach (var flashFirst in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var x = flashFirst ? await FlashScenario.RunAsync(world, n, units) : await Scenarios.InProcessAsync(world, n, units, pay: false);
                Row(x);
                (flashFirst ? promoted : plain).Add(x.L.PerSecond);
            }
        }
        static double Median(List<double> v) { var o = v.Order().ToArray(); return (o[(o.Length - 1) / 2] + o[o.Length / 2]) / 2; }
        Console.WriteLine();
        Console.WriteLine($"Median of {plain.Count} rounds: plain {Median(plain):N0} orders/s, promoted {Median(promoted):N0} orders/s, " +
            $"promoted / plain {Median(promoted) / Median(plain):P0} (per round: {string.Join(", ", plain.Zip(promoted, (a, b) => (b / a).ToString("P0")))})");
        Console.WriteLine();
    }
    else
    {
        if (pick.Contains("inproc")) Row(await Scenarios.InProcessAsync(world, n, units, pay: false));
        if (pick.Contains("flash")) Row(await FlashScenario.RunAsync(world, n, units));
    }
    if (pick.Contains("inproc-pay")) Row(await Scenarios.InProcessAsync(world, n, units / 5, pay: true));
    if (pick.Contains("http")) Row(await Scenarios.HttpAsync(world, n, units / 2, pay: false));
    if (pick.Contains("http-pay")) Row(await Scenarios.HttpAsync(world, n, units / 5, pay: true));
    if (pick.Contains("naive")) Row(await Scenarios.NaiveAsync(world, n, r.GetValue(naiveStock)));

    if (r.GetValue(connection) is null)
        foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" }) File.Delete(f);
});
return await root.Parse(args).InvokeAsync();
