using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;

namespace Sprig.Bench;

public static class FeedPhases
{
    public static async Task RunAsync(World w)
    {
        var dbs = w.App.Services.GetRequiredService<IDbContextFactory<SprigDb>>();
        var cache = w.App.Services.GetRequiredService<CandidateCache>();
        var signals = w.App.Services.GetRequiredService<SignalWriter>();
        var social = w.App.Services.GetRequiredService<SocialCache>();
        Guid[] buyers;
        await using (var db = await dbs.CreateDbContextAsync()) buyers = await db.Users.Where(u => u.Email.EndsWith("@seed.sprig")).Select(u => u.Id).Take(2000).ToArrayAsync();
        // twice over the same buyers: the first pass fills the node's social copy for them, the second reads it
        for (var pass = 1; pass <= 2; pass++)
        {
            var t = new double[6];
            var n = 0;
            var cpu = CpuUse.Start();
            var wall = Stopwatch.StartNew();
            foreach (var b in buyers.Take(200))
            {
                var s = Stopwatch.GetTimestamp();
                await using var db = await dbs.CreateDbContextAsync();
                var view = await BuyerView.LoadAsync(db, social, b, FeedTab.Recommended, DateTimeOffset.UtcNow, TimeSpan.FromHours(24), default);
                t[0] += Stopwatch.GetElapsedTime(s).TotalMilliseconds; s = Stopwatch.GetTimestamp();
                var lists = await cache.GetAsync(default);
                t[1] += Stopwatch.GetElapsedTime(s).TotalMilliseconds; s = Stopwatch.GetTimestamp();
                var personal = view.Signalled.ToList();
                foreach (var c in view.Interests.Keys.Take(3)) personal.AddRange(await cache.CategoryAsync(c, default));
                t[2] += Stopwatch.GetElapsedTime(s).TotalMilliseconds; s = Stopwatch.GetTimestamp();
                var page = new FeedPage(20, PageRules.Default, view, cache.TryServe).Recommended(lists, personal);
                t[3] += Stopwatch.GetElapsedTime(s).TotalMilliseconds; s = Stopwatch.GetTimestamp();
                await signals.ImpressionsAsync(page.Select(p => new Impression { Id = p.ImpressionId, BuyerId = b, ItemId = p.Item.Id, Source = p.Reason.Source, ServedAt = DateTimeOffset.UtcNow }).ToList(),
                    page.Where(p => p.Item.InPool).Select(p => p.Item.Id).ToList(), default);
                t[4] += Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                cache.Served(page.Where(p => p.Reason.Source == TrafficSource.Public).Select(p => (p.Item, true, false)));
                n++;
                if (n == 1) Console.WriteLine($"signals {view.FriendSignals.Count} interests {view.Interests.Count} seen {view.Seen.Count} personal {personal.Count} pooled {lists.Pooled.Count} top {lists.Top.Count}");
            }
            var (processMs, busy, paused, _) = cpu.Stop();
            var perFeed = wall.Elapsed.TotalMilliseconds / n; // before the idle wait below
            var idle = CpuUse.Start();
            await Task.Delay(3_000);
            Console.WriteLine($"idle after the pass: process CPU {idle.Stop().ProcessMs / 3:F0} ms a second");
            Console.WriteLine($"pass {pass}, per feed ms: view {t[0] / n:F2}, lists {t[1] / n:F2}, personal {t[2] / n:F2}, assemble {t[3] / n:F2}, log {t[4] / n:F2}; " +
                $"wall {perFeed:F2}, process CPU {processMs / n:F2} (GC paused {paused / n:F2}), machine busy {busy:P0}");
        }
    }
}
