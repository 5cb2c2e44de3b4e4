using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Platform;

namespace Sprig.Distribution;

/// <summary>
/// Serves a page of a feed tab: the buyer's view (two commands: the buyer's rows, and the items friends engaged with
/// most), the node's candidate lists (cached), what follows bring (following), the page rules, then every served item is
/// logged as an impression, with its reason, before the page is returned, so "not again within 24 hours" holds for
/// the next page on any node. A node assembles a few at once and queues the rest (<see cref="FeedAdmission"/>).
/// </summary>
public sealed class Feed(IDbContextFactory<SprigDb> dbs, CandidateCache cache, SocialCache social, SignalWriter signals, FeedAdmission admission,
    PlatformSettings settings, TimeProvider clock)
{
    public const int MaxLimit = 20;
    private const int MaxFollowedItems = 200;

    public async Task<IReadOnlyList<ServedItem>> ServeAsync(Guid buyerId, string? tab, int? limit, CancellationToken ct)
    {
        FeedTab parsed = FeedTab.Recommended;
        new Validator()
            .Require(tab is null || (Enum.TryParse(tab, true, out parsed) && parsed is FeedTab.Recommended or FeedTab.Friends or FeedTab.Following),
                "tab", "must be recommended, friends or following")
            .Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"must be between 1 and {MaxLimit}")
            .ThrowIfInvalid();

        using var turn = await admission.EnterAsync(ct);
        var now = clock.GetUtcNow();
        var rules = await RulesAsync(ct);
        var seenHours = await settings.GetNumberAsync(PlatformSettings.SeenHours, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var view = await BuyerView.LoadAsync(db, social, buyerId, parsed, now, TimeSpan.FromHours(seenHours), ct);
        var page = new FeedPage(limit ?? MaxLimit, rules, view, cache.TryServe);

        var served = parsed switch
        {
            FeedTab.Friends => page.Friends(view.Signalled),
            FeedTab.Following => page.Following(await FollowedAsync(db, view, now, ct)),
            _ => page.Recommended(await cache.GetAsync(ct), await PersonalAsync(view, ct)),
        };

        var impressions = served.Select((s, i) => new Impression
        {
            Id = s.ImpressionId, BuyerId = buyerId, ItemId = s.Item.Id, Kind = s.Item.Kind, ShopId = s.Item.ShopId, ProductId = s.Item.ProductId,
            Tab = parsed, Source = s.Reason.Source, Pool = s.Reason.Pool, FriendsLiked = s.Reason.FriendsLiked ?? 0, Boost = s.Reason.Boost,
            Position = i, ServedAt = now,
        }).ToList();
        IReadOnlySet<Guid>? refused = null;
        try
        {
            refused = await signals.ImpressionsAsync(impressions, served.Where(s => s.Item.InPool).Select(s => s.Item.Id).ToList(), ct);
        }
        finally
        {
            // public impressions drew on this node's view of pool budgets when they were picked: now they are logged, or handed back
            cache.Served(served.Where(s => s.Reason.Source == TrafficSource.Public).Select(s =>
                (s.Item, refused is not null && !refused.Contains(s.ImpressionId), refused?.Contains(s.ImpressionId) ?? false)));
        }
        // another node spent those pools' budgets first: the page goes out without them
        if (refused.Count > 0) served = served.Where(s => !refused.Contains(s.ImpressionId)).ToList();
        return served;
    }

    public async Task<PageRules> RulesAsync(CancellationToken ct) => new(
        (int)await settings.GetNumberAsync(PlatformSettings.MaxPerShopPerPage, ct),
        await settings.GetNumberAsync(PlatformSettings.BrandShareBps, ct) / 10_000.0,
        await settings.GetNumberAsync(PlatformSettings.BrandBoostBps, ct) / 10_000.0,
        await settings.GetNumberAsync(PlatformSettings.PoolShareBps, ct) / 10_000.0);

    /// <summary>The recommended tab's personal candidates: what friends engaged with, and the best of the buyer's favourite categories.</summary>
    private async Task<List<Candidate>> PersonalAsync(BuyerView view, CancellationToken ct)
    {
        var personal = view.Signalled.ToList();
        foreach (var category in view.Interests.OrderByDescending(i => i.Value).Take(3).Select(i => i.Key))
            personal.AddRange(await cache.CategoryAsync(category, ct));
        return personal;
    }

    private static async Task<List<Candidate>> FollowedAsync(SprigDb db, BuyerView view, DateTimeOffset now, CancellationToken ct)
    {
        var shops = view.FollowedShops.ToArray();
        var users = view.FollowedUsers.ToArray();
        var since = now.AddDays(-30);
        var yes = true; // a flag compared to a parameter, so SQLite can use the index (see CandidateCache)
        var items = new List<Candidate>();
        // on air first, whatever their age; then the last month's, newest first
        if (shops.Length > 0)
        {
            items.AddRange(await Candidate.From(db.FeedItems.AsNoTracking().Where(f => f.OnAir == yes && f.Eligible == yes && f.ShopId != null && EF.Parameter(shops).Contains(f.ShopId.Value))).ToListAsync(ct));
            items.AddRange(await Candidate.From(db.FeedItems.AsNoTracking().Where(f => f.ShopId != null && EF.Parameter(shops).Contains(f.ShopId.Value) && f.CreatedAt >= since && f.Eligible == yes)
                .OrderByDescending(f => f.CreatedAt)).Take(MaxFollowedItems).ToListAsync(ct));
        }
        if (users.Length > 0)
        {
            items.AddRange(await Candidate.From(db.FeedItems.AsNoTracking().Where(f => f.AuthorId != null && EF.Parameter(users).Contains(f.AuthorId.Value) && f.CreatedAt >= since && f.Eligible == yes)
                .OrderByDescending(f => f.CreatedAt)).Take(MaxFollowedItems).ToListAsync(ct));
        }
        return items.DistinctBy(c => c.Id).ToList();
    }
}
