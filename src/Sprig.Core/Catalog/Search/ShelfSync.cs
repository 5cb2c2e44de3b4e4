using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sprig.Data;

namespace Sprig.Catalog.Search;

/// <summary>
/// Keeps this node's <see cref="ShelfIndex"/> a faithful copy of the tables: after the host has started (migrations
/// and demo data are done) it notes the end of the change feed, builds the index from the tables, then reads the feed
/// every <see cref="ShelfOptions.PollMilliseconds"/> and re-reads what each row names. Every node runs one; none
/// writes anything but the pruning of old feed rows, which any node may do.
/// </summary>
public sealed class ShelfSync(ShelfIndex index, IDbContextFactory<SprigDb> dbs, IOptions<ShelfOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<ShelfSync> log) : BackgroundService
{
    private const int FeedBatch = 1_000;
    private const int BuildBatch = 2_000;
    private readonly ShelfOptions _o = options.Value;
    private Dictionary<Guid, Category> _categories = [];
    private FeedMark _mark;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stop);

        while (!stop.IsCancellationRequested)
        {
            try
            {
                await BuildAsync(stop);
                break;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogError(ex, "Building the search index failed; trying again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
            }
        }

        var statsDue = Stopwatch.StartNew();
        var pruneDue = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(10, _o.PollMilliseconds)));
        while (await tick.WaitForNextTickAsync(stop))
        {
            try
            {
                await PollAsync(stop);
                if (statsDue.Elapsed.TotalSeconds >= _o.StatsSeconds)
                {
                    await RefreshStatsAsync(stop);
                    statsDue.Restart();
                }
                if (pruneDue.Elapsed.TotalHours >= 1)
                {
                    await using var db = await dbs.CreateDbContextAsync(stop);
                    await ChangeFeed.PruneAsync<CatalogChange>(db, clock.GetUtcNow().AddHours(-_o.ChangeRetentionHours), stop);
                    pruneDue.Restart();
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // the mark only moves after a batch is applied, so the next tick retries the same rows
                log.LogError(ex, "Keeping the search index current failed; trying again on the next tick");
            }
        }
    }

    /// <summary>Note where the feed ends first, then copy the tables: whatever changes meanwhile is in the feed after the mark.</summary>
    internal async Task BuildAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbs.CreateDbContextAsync(ct);
        _mark = await ChangeFeed.EndAsync<CatalogChange>(db, ct);
        _categories = await ShelfReads.CategoriesAsync(db, ct);
        index.Clear(await ReadStatsAsync(db, ct));
        var count = 0;
        await foreach (var batch in ShelfReads.AllProductsAsync(db, _categories, BuildBatch, ct))
        {
            foreach (var p in batch) index.Put(p);
            count += batch.Count;
        }
        index.Publish();
        index.MarkReady();
        log.LogInformation("Search index built: {Count} products in {Ms} ms", count, watch.ElapsedMilliseconds);
    }

    /// <summary>Applies the feed rows after the mark, a batch at a time, until none are left.</summary>
    internal async Task PollAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        while (true)
        {
            var rows = await ChangeFeed.ReadAsync<CatalogChange>(db, _mark, FeedBatch, ct);
            if (rows.Count == 0) return;
            await ApplyAsync(db, rows, ct);
            _mark = new FeedMark(rows[^1].TxId, rows[^1].Seq);
            if (rows.Count < FeedBatch) return;
        }
    }

    private async Task ApplyAsync(SprigDb db, IReadOnlyList<CatalogChange> rows, CancellationToken ct)
    {
        var shops = rows.Where(r => r.ShopId is not null).Select(r => r.ShopId!.Value).ToHashSet();
        var products = rows.Where(r => r.ProductId is not null).Select(r => r.ProductId!.Value).ToHashSet();
        var found = new List<IndexedProduct>();
        foreach (var chunk in shops.Chunk(100))
            found.AddRange(await ShelfReads.ProductsAsync(db, db.Products.Where(p => chunk.Contains(p.ShopId)), await CategoriesAsync(db, ct), ct));
        foreach (var chunk in products.Chunk(500))
            found.AddRange(await ShelfReads.ProductsAsync(db, db.Products.Where(p => chunk.Contains(p.Id)), await CategoriesAsync(db, ct), ct));

        // a shop's documents go first, so a suspended shop leaves nothing behind; what is still searchable comes back below
        foreach (var s in shops) index.RemoveShop(s);
        var kept = found.Select(p => p.Id).ToHashSet();
        foreach (var id in products.Where(id => !kept.Contains(id))) index.Remove(id);
        foreach (var p in found.DistinctBy(p => p.Id)) index.Put(p);
        index.Publish();
    }

    /// <summary>The category tree (seeded, rarely edited) is read at the build and again with every stats refresh.</summary>
    private async Task<Dictionary<Guid, Category>> CategoriesAsync(SprigDb db, CancellationToken ct)
    {
        if (_categories.Count == 0) _categories = await ShelfReads.CategoriesAsync(db, ct);
        return _categories;
    }

    internal async Task RefreshStatsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        _categories = await ShelfReads.CategoriesAsync(db, ct);
        if (index.SetStats(await ReadStatsAsync(db, ct)) > 0) index.Publish();
    }

    private Task<Dictionary<Guid, ShelfStats>> ReadStatsAsync(SprigDb db, CancellationToken ct) =>
        ShelfReads.StatsAsync(db, clock.GetUtcNow().AddDays(-_o.SalesDays), _o.GpmPriorImpressions, ct);
}
