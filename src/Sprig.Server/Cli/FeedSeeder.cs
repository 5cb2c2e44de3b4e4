using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Sprig.Accounts;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Shops;
using Sprig.Social;

namespace Sprig.Server;

/// <summary>How big a generated social world is.</summary>
public sealed record FeedWorldSize(int Items, int Buyers, long Edges, int Seed = 42)
{
    public int Shops => Math.Max(10, Items / 1_000);
}

/// <summary>
/// Generates a large social world straight into the database for load tests and the feed benchmark (`sprig seed-feed`):
/// shops (a tenth in the brand program), feed items (videos, posts, products; most left to organic traffic, some in each
/// pool, with counters and scores as real traffic would leave them), buyers, and social edges split into friendships
/// (stored both ways), follows, likes and shares, most of them in the last month. Rows go in by bulk insert in chunks,
/// one transaction each, with a progress bar. The items stand for content and products without their own rows: the
/// feed reads only its items and the social tables.
/// </summary>
public static class FeedSeeder
{
    private const int Chunk = 50_000;

    public static async Task RunAsync(IDbContextFactory<SprigDb> dbs, FeedWorldSize size, TimeProvider clock, CancellationToken ct = default)
    {
        var rng = new Random(size.Seed);
        var now = clock.GetUtcNow();
        await using var meta = await dbs.CreateDbContextAsync(ct);
        var categories = await meta.Categories.Where(c => c.ParentId != null).Select(c => c.Id).ToArrayAsync(ct);
        if (categories.Length == 0) throw new InvalidOperationException("No categories: start the server once (or run migrate) first.");

        var shopOwners = Enumerable.Range(0, size.Shops).Select(_ => Ids.New()).ToArray();
        var shops = Enumerable.Range(0, size.Shops).Select(i => Ids.New()).ToArray();
        var brand = shops.Select((_, i) => i % 10 == 0).ToArray();
        var buyers = Enumerable.Range(0, size.Buyers).Select(_ => Ids.New()).ToArray();
        var items = new Guid[size.Items];
        var itemShop = new int[size.Items];

        // edges: a fifth friendships (two rows each), three tenths follows, the rest likes and a few shares
        var friendPairs = size.Edges / 10;
        var follows = size.Edges * 3 / 10;
        var shares = size.Edges / 20;
        var likes = size.Edges - 2 * friendPairs - follows - shares;

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async p =>
            {
                await InsertAsync(dbs, p.AddTask("shops"), size.Shops, i =>
                {
                    var shop = new Shop { Id = shops[i], OwnerId = shopOwners[i], Name = $"店铺 {i}", Kind = brand[i] ? ShopKind.Brand : ShopKind.Enterprise, CreatedAt = now.AddDays(-200) };
                    shop.Approve(now.AddDays(-200));
                    return shop;
                }, ct);
                await InsertAsync(dbs, p.AddTask("buyers"), size.Buyers, i => new User
                {
                    Id = buyers[i], Email = $"buyer{i}@seed.sprig", DisplayName = $"买家 {i}", PasswordHash = "!", Roles = Role.Buyer, CreatedAt = now.AddDays(-100),
                }, ct);
                await InsertAsync(dbs, p.AddTask("feed items"), size.Items, i =>
                {
                    var shop = Skewed(rng, size.Shops);
                    items[i] = Ids.New();
                    itemShop[i] = shop;
                    return Item(rng, items[i], shops[shop], shopOwners[shop], brand[shop], categories, now);
                }, ct);
                await InsertAsync(dbs, p.AddTask("friendships"), friendPairs * 2, i =>
                {
                    // pairs of buyers near each other in id order, so friends of friends overlap as in real graphs
                    var pair = i / 2;
                    var a = (int)(pair % size.Buyers);
                    var b = (a + 1 + (int)((pair / size.Buyers * 7919 + pair * 31) % Math.Min(500, size.Buyers - 1))) % size.Buyers;
                    var (from, to) = i % 2 == 0 ? (a, b) : (b, a);
                    return new Friendship { UserId = buyers[from], FriendId = buyers[to], CreatedAt = now.AddDays(-rng.Next(1, 300)) };
                }, ct, distinct: f => (f.UserId, f.FriendId));
                await InsertAsync(dbs, p.AddTask("follows"), follows, i =>
                {
                    var shopTarget = rng.Next(3) > 0;
                    return new Follow
                    {
                        FollowerId = buyers[(int)(i % size.Buyers)], TargetKind = shopTarget ? FollowTarget.Shop : FollowTarget.User,
                        TargetId = shopTarget ? shops[Skewed(rng, size.Shops)] : shopOwners[Skewed(rng, size.Shops)], CreatedAt = now.AddDays(-rng.Next(1, 300)),
                    };
                }, ct, distinct: f => (f.FollowerId, f.TargetKind, f.TargetId));
                await InsertAsync(dbs, p.AddTask("likes"), likes, i =>
                {
                    var item = Skewed(rng, size.Items);
                    return new Like
                    {
                        UserId = buyers[(int)(i % size.Buyers)], TargetId = items[item], TargetKind = SignalTarget.Content, ShopId = shops[itemShop[item]],
                        CreatedAt = now.AddMinutes(-rng.Next(1, 60 * 24 * 60)),
                    };
                }, ct, distinct: l => (l.UserId, l.TargetId));
                await InsertAsync(dbs, p.AddTask("shares"), shares, i =>
                {
                    var item = Skewed(rng, size.Items);
                    var user = buyers[(int)(i % size.Buyers)];
                    return new Share
                    {
                        Id = Ids.New(), UserId = user, TargetId = items[item], TargetKind = SignalTarget.Content, ShopId = shops[itemShop[item]],
                        Chain = user.ToString(), CreatedAt = now.AddMinutes(-rng.Next(1, 60 * 24 * 60)),
                    };
                }, ct);
                await InsertAsync(dbs, p.AddTask("interests"), size.Buyers * 3L, i => new BuyerInterest
                {
                    BuyerId = buyers[(int)(i / 3)], CategoryId = categories[(int)((i / 3 + i % 3 * 3) % categories.Length)], Weight = 1 + rng.Next(50), UpdatedAt = now,
                }, ct, distinct: x => (x.BuyerId, x.CategoryId));
            });

        await using var db = await dbs.CreateDbContextAsync(ct);
        // running nodes drop what they hold of the social graph: the edges went in beside the desks
        SocialChange.Of(db, SocialChange.Everyone);
        await db.SaveChangesAsync(ct);
        // let the planner know the tables' new sizes before anyone measures
        await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "ANALYZE" : "ANALYZE", ct);
    }

    /// <summary>A few shops and items get most of the traffic (roughly Zipf): the square of a uniform draw.</summary>
    private static int Skewed(Random rng, int n)
    {
        var u = rng.NextDouble();
        return Math.Min(n - 1, (int)(u * u * n));
    }

    private static FeedItem Item(Random rng, Guid id, Guid shopId, Guid ownerId, bool isBrand, Guid[] categories, DateTimeOffset now)
    {
        var r = rng.Next(100);
        var kind = r < 55 ? FeedItemKind.Video : r < 65 ? FeedItemKind.Post : r < 67 ? FeedItemKind.Live : FeedItemKind.Product;
        var p = rng.Next(100);
        // most items have been reviewed and left to organic traffic; some are in each pool with part of its budget served
        var level = p < 70 ? FeedItem.Organic : p < 90 ? 0 : p < 97 ? 1 : p < 99 ? 2 : 3;
        var budget = level switch { 0 => 500, 1 => 3_000, 2 => 15_000, 3 => 100_000, _ => 0 };
        var impressions = (long)Math.Exp(rng.NextDouble() * 10) + (level >= 0 ? 0 : 500);
        var ctr = 0.01 + rng.NextDouble() * 0.08;
        var clicks = (long)(impressions * ctr);
        var watches = kind is FeedItemKind.Video or FeedItemKind.Live ? clicks : 0;
        var completions = (long)(watches * rng.NextDouble() * 0.6);
        var itemLikes = (long)(impressions * rng.NextDouble() * 0.02);
        var itemShares = itemLikes / 5;
        var orders = (long)(clicks * rng.NextDouble() * 0.04);
        var gmv = orders * (2_000 + rng.Next(50_000));
        var created = now.AddMinutes(-rng.Next(1, 60 * 24 * 90));
        return new FeedItem
        {
            Id = id, Kind = kind, ShopId = shopId, AuthorId = kind == FeedItemKind.Product ? null : ownerId,
            ProductId = kind == FeedItemKind.Product ? id : null, CategoryId = categories[rng.Next(categories.Length)],
            Title = $"{kind} {id.ToString()[..8]}", IsBrand = isBrand, Eligible = rng.Next(100) < 95, OnAir = kind == FeedItemKind.Live && rng.Next(20) == 0,
            PoolLevel = level, PoolBudget = budget, PoolServed = level >= 0 ? rng.Next(budget / 2) : 0, PoolEnteredAt = created,
            Impressions = impressions, Clicks = clicks, Watches = watches, Completions = completions, Likes = itemLikes, Shares = itemShares, Orders = orders, Gmv = gmv,
            Score = Ranking.Score(new ItemStats(impressions, clicks, watches, completions, itemLikes, itemShares, orders, gmv)),
            CreatedAt = created, UpdatedAt = created,
        };
    }

    private static async Task InsertAsync<T>(IDbContextFactory<SprigDb> dbs, ProgressTask task, long count, Func<long, T> make, CancellationToken ct,
        Func<T, object>? distinct = null) where T : class
    {
        task.MaxValue = count;
        var seen = distinct is null ? null : new HashSet<object>();
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(Chunk, count - done);
            var rows = new List<T>(n);
            for (var i = 0; i < n; i++)
            {
                var row = make(done + i);
                // generated keys may repeat (a like drawn twice): keep the first
                if (seen is null || seen.Add(distinct!(row))) rows.Add(row);
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await BulkInsert.InsertAsync(db, rows, ct);
            await tx.CommitAsync(ct);
            done += n;
            task.Increment(n);
        }
        task.StopTask();
    }
}
