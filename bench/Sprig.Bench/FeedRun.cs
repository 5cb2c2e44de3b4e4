using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Server;

namespace Sprig.Bench;

/// <summary>
/// Feed assembly on a large world: the recommended tab as served (buyer view, node candidate lists, page rules,
/// impressions logged before the page returns) beside the naive feed that scores every eligible item per request,
/// in the same run, on the same database and buyers.
/// </summary>
public static class FeedRun
{
    public static async Task RunAsync(World w, string provider, FeedWorldSize size, int clients, TimeSpan duration, int pagesPerBuyer, bool warm, int naiveRequests,
        IReadOnlyList<int> rates)
    {
        var dbs = w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>();
        await using (var db = await dbs.CreateDbContextAsync())
        {
            var have = await db.FeedItems.CountAsync();
            if (have < size.Items * 9 / 10)
            {
                var t = Stopwatch.StartNew();
                await FeedSeeder.RunAsync(dbs, size, TimeProvider.System);
                Console.WriteLine($"seeded {size.Items:N0} items, {size.Buyers:N0} buyers, {size.Edges:N0} edges in {t.Elapsed.TotalSeconds:F0} s");
            }
        }
        Guid[] buyers;
        await using (var db = await dbs.CreateDbContextAsync())
        {
            buyers = await db.Users.Where(u => u.Email.EndsWith("@seed.sprig")).Select(u => u.Id).ToArrayAsync();
            Console.WriteLine($"world: {await db.FeedItems.CountAsync():N0} items, {buyers.Length:N0} buyers, " +
                $"{await db.Friendships.CountAsync() + await db.Follows.CountAsync() + await db.Likes.CountAsync() + await db.Shares.CountAsync():N0} social edges");
        }

        if (warm) await WarmSocialAsync(w, dbs, buyers);

        var feed = w.App.Services.GetRequiredService<Feed>();
        var signals = w.App.Services.GetRequiredService<SignalWriter>();
        var rng = new Random(7);
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = clients },
            async (_, ct) => await feed.ServeAsync(buyers[Random.Shared.Next(buyers.Length)], "recommended", 20, ct));

        Console.WriteLine($"pages per buyer in a row: {pagesPerBuyer}");
        Console.WriteLine("| scenario | db | clients | feeds | seconds | feeds/s | p50 ms | p99 ms | items per feed | bench CPU ms per feed | machine busy | GC paused ms (gen2) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // the many-client run twice: the node's social copy fills as buyers are served, the second run reads a warmer one
        foreach (var c in new[] { 1, clients, clients })
        {
            var l = new Latencies(c);
            long items = 0;
            var until = Stopwatch.StartNew();
            var cpu = CpuUse.Start();
            l.Start();
            await Task.WhenAll(Enumerable.Range(0, c).Select(worker => Task.Run(async () =>
            {
                var r = new Random(worker);
                var buyer = Guid.Empty;
                // a buyer scrolls: the same buyer's next page until they have seen pagesPerBuyer, then another buyer
                for (var n = 0; until.Elapsed < duration; n++)
                {
                    if (n % pagesPerBuyer == 0) buyer = buyers[r.Next(buyers.Length)];
                    var t0 = Stopwatch.GetTimestamp();
                    var page = await feed.ServeAsync(buyer, "recommended", 20, default);
                    l.Record(worker, t0);
                    Interlocked.Add(ref items, page.Count);
                    Interlocked.Increment(ref l.Succeeded);
                }
            })));
            l.Stop();
            var (processMs, busy, paused, gen2) = cpu.Stop();
            Console.WriteLine($"| recommended tab | {provider} | {c} | {l.Succeeded} | {l.Elapsed.TotalSeconds:F1} | {l.PerSecond:N0} | {l.Percentile(50):F1} | {l.Percentile(99):F1} | {(double)items / l.Succeeded:F1} | {processMs / l.Succeeded:F2} | {busy:P0} | {paused:F0} ({gen2}) |");
        }

        if (rates.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Open loop: requests arrive at a fixed rate whether or not earlier ones are done; latency runs from the moment a request was due.");
            Console.WriteLine("| scenario | db | offered/s | feeds served | served/s | told to come back | p50 ms | p99 ms | max ms | most in flight | bench CPU ms per feed served | machine busy | GC paused ms (gen2) |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var rate in rates) await OpenLoopAsync(feed, buyers, provider, rate, duration);
        }

        var naive = new Latencies(1);
        long naiveItems = 0;
        naive.Start();
        for (var i = 0; i < naiveRequests; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            naiveItems += await NaiveFeed.ServeAsync(dbs, signals, buyers[rng.Next(buyers.Length)], DateTimeOffset.UtcNow);
            naive.Record(0, t0);
            naive.Succeeded++;
        }
        naive.Stop();
        Console.WriteLine($"| naive (read and score every eligible item) | {provider} | 1 | {naive.Succeeded} | {naive.Elapsed.TotalSeconds:F1} | {naive.PerSecond:N1} | {naive.Percentile(50):F1} | {naive.Percentile(99):F1} | {(double)naiveItems / naive.Succeeded:F1} | | | |");
    }

    /// <summary>
    /// Feeds requested at <paramref name="rate"/> a second for <paramref name="duration"/>, each for a random buyer, sent on
    /// time whatever is still in flight (as many phones would), so a slow moment delays the requests behind it instead of
    /// holding them back: each latency counts from when its request was due, not from when the load generator got to it.
    /// </summary>
    private static async Task OpenLoopAsync(Feed feed, Guid[] buyers, string provider, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var times = new double[total];
        var (inFlight, most, items) = (0, 0, 0L);
        var rng = new Random(rate);
        var clock = Stopwatch.StartNew();
        var cpu = CpuUse.Start();
        var sent = new Task[total];
        for (var i = 0; i < total; i++)
        {
            var due = (double)i / rate;
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.0005) await Task.Delay(TimeSpan.FromSeconds(wait));
            var (n, buyer) = (i, buyers[rng.Next(buyers.Length)]);
            var now = Interlocked.Increment(ref inFlight);
            if (now > most) most = now; // read after the run; only the dispatcher writes it
            sent[i] = Task.Run(async () =>
            {
                try
                {
                    var page = await feed.ServeAsync(buyer, "recommended", 20, default);
                    times[n] = (clock.Elapsed.TotalSeconds - due) * 1000;
                    Interlocked.Add(ref items, page.Count);
                }
                catch (SprigException e) when (e.Code == "feed_busy")
                {
                    times[n] = double.NaN; // told to come back: counted apart, not as a latency
                }
                Interlocked.Decrement(ref inFlight);
            });
        }
        await Task.WhenAll(sent);
        var elapsed = clock.Elapsed.TotalSeconds;
        var (processMs, busy, paused, gen2) = cpu.Stop();
        var served = times.Where(t => !double.IsNaN(t)).ToArray();
        Console.WriteLine($"| recommended tab, open loop | {provider} | {rate} | {served.Length} | {served.Length / elapsed:N0} | {total - served.Length} | " +
            $"{Latencies.Percentile(served, 50):F1} | {Latencies.Percentile(served, 99):F1} | {served.DefaultIfEmpty().Max():F1} | {most} | " +
            $"{processMs / Math.Max(1, served.Length):F2} | {busy:P0} | {paused:F0} ({gen2}) |");
    }

    /// <summary>
    /// Fills the node's social copy for every buyer, their friends and their friends' likes and shares, as a node
    /// that has served every buyer once has it (at 250 feeds/s about ten minutes); the measured feeds then read it as a
    /// node in service does, instead of filling it (by default they measure a node that has just started).
    /// </summary>
    private static async Task WarmSocialAsync(World w, IDbContextFactory<SprigDb> dbs, Guid[] buyers)
    {
        var social = w.App.Services.GetRequiredService<SocialCache>();
        var t = Stopwatch.StartNew();
        await using var db = await dbs.CreateDbContextAsync();
        await social.SyncAsync(db, default);
        var since = DateTimeOffset.UtcNow - BuyerView.SignalWindow;
        foreach (var chunk in buyers.Chunk(200))
        {
            var friends = new List<Guid>();
            foreach (var b in chunk) friends.AddRange(await social.FriendsAsync(db, b, default));
            await social.SignalsAsync(db, friends.Distinct().ToArray(), since, default);
        }
        Console.WriteLine($"social copy filled for {buyers.Length:N0} buyers in {t.Elapsed.TotalSeconds:F0} s");
    }
}
