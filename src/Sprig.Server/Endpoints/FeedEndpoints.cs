using System.Text;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record FeedReasonDto(string Source, string? Pool, int? FriendsLiked, string? Boost);

public sealed record FeedItemDto(string ImpressionId, string Kind, Guid? ContentId, Guid? ProductId, Guid? ShopId, Guid? AuthorId, Guid? CategoryId,
    string Title, bool OnAir, FeedReasonDto Reason)
{
    public static FeedItemDto From(ServedItem s) => new(s.ImpressionId.ToString(), Camel(s.Item.Kind), s.Item.Kind == FeedItemKind.Product ? null : s.Item.Id,
        s.Item.ProductId, s.Item.ShopId, s.Item.AuthorId, s.Item.CategoryId, s.Item.Title, s.Item.OnAir,
        new FeedReasonDto(Camel(s.Reason.Source), s.Reason.Pool, s.Reason.FriendsLiked, s.Reason.Boost));

    public static string Camel<T>(T value) where T : Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

public sealed record FeedPageDto(IReadOnlyList<FeedItemDto> Items, string? NextCursor);

public sealed record FeedPreferenceDto(bool Personalised);

public sealed record RecordedEventDto(Guid Id, string Type, Guid ItemId, DateTimeOffset At);

/// <summary>An item's place in distribution: its pool, budget, lifetime counters and its rates in the current pool.</summary>
public sealed record FeedItemStatsDto(Guid Id, string Kind, string Title, Guid? ShopId, Guid? ProductId, bool Eligible, bool OnAir,
    int PoolLevel, string Pool, int PoolBudget, int PoolServed, bool ReviewDue, DateTimeOffset PoolEnteredAt, DateTimeOffset? ReviewedAt,
    long Impressions, long Clicks, long Watches, long Completions, long Likes, long Shares, long Orders, long Gmv, string Currency,
    double Score, TierRates RatesInPool)
{
    public static FeedItemStatsDto From(FeedItem f) => new(f.Id, FeedItemDto.Camel(f.Kind), f.Title, f.ShopId, f.ProductId, f.Eligible, f.OnAir,
        f.PoolLevel, PoolTiers.NameOf(f.PoolLevel), f.PoolBudget, f.PoolServed, f.ReviewDue, f.PoolEnteredAt, f.ReviewedAt,
        f.Impressions, f.Clicks, f.Watches, f.Completions, f.Likes, f.Shares, f.Orders, f.Gmv, Money.Currency, f.Score, PoolReview.RatesOf(f));
}

public sealed record PoolTierChange(string? Name, int? Budget, int? MinCtrBps, int? MinCompletionBps, int? MinLikeBps, int? MinShareBps, int? MinCvrBps, long? MinGpm);

public sealed record ReviewRunDto(int Promoted, int Organic);

public static class FeedEndpoints
{
    public static void MapFeedEndpoints(this RouteGroupBuilder api)
    {
        var feed = api.MapGroup("").WithTags("Distribution").RequireAuthorization();

        feed.MapGet("/feed", async (string? tab, int? limit, string? cursor, HttpContext http, Distribution.Feed feeds, CancellationToken ct) =>
        {
            var page = PageNumber(cursor);
            var served = await feeds.ServeAsync(http.User.Id(), tab, limit, ct);
            // what was served is not served again, so the next page is simply the next call; the cursor only counts pages
            var next = served.Count == 0 || served.Count < (limit ?? Distribution.Feed.MaxLimit) ? null : Cursor(page + 1);
            return TypedResults.Ok(new FeedPageDto(served.Select(FeedItemDto.From).ToList(), next));
        });

        feed.MapPost("/events", async (ClientEvent req, HttpContext http, ClientEvents events, CancellationToken ct) =>
        {
            var e = await events.RecordAsync(http.User.Id(), req, ct);
            return TypedResults.Created($"/api/events/{e.Id}", new RecordedEventDto(e.Id, FeedItemDto.Camel(e.Type), e.ItemId, e.At));
        });

        feed.MapGet("/me/feed-preferences", async (HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var on = await db.FeedPreferences.AsNoTracking().Where(p => p.UserId == me).Select(p => (bool?)p.Personalised).FirstOrDefaultAsync(ct) ?? true;
            return TypedResults.Ok(new FeedPreferenceDto(on));
        });

        feed.MapPut("/me/feed-preferences", async (FeedPreferenceChange req, HttpContext http, SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            new Validator().Require(req.Personalised is not null, "personalised", "is required (true or false)").ThrowIfInvalid();
            var me = http.User.Id();
            var row = await db.FeedPreferences.FirstOrDefaultAsync(p => p.UserId == me, ct);
            if (row is null) db.FeedPreferences.Add(row = new FeedPreference { UserId = me });
            row.Personalised = req.Personalised!.Value;
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new FeedPreferenceDto(row.Personalised));
        });

        feed.MapGet("/shops/{shopId:guid}/feed-items", async (Guid shopId, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(await db.FeedItems.AsNoTracking().Where(f => f.ShopId == shopId).PageAsync(f => f.Id, limit, cursor, FeedItemStatsDto.From, ct));
        });

        var ops = api.MapGroup("/ops").WithTags("Distribution").RequireAuthorization(AuthSetup.OperatorPolicy);

        // this node's impression tally is written first (every node writes its own within a second), so the counts are current
        ops.MapGet("/feed-items/{itemId:guid}", async (Guid itemId, SprigDb db, SignalWriter signals, CancellationToken ct) =>
        {
            await signals.FlushAsync(ct);
            return TypedResults.Ok(FeedItemStatsDto.From(await db.FeedItems.AsNoTracking().FirstOrDefaultAsync(f => f.Id == itemId, ct)
                ?? throw SprigException.NotFound("Feed item")));
        });

        ops.MapGet("/traffic-pools", async (SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.PoolTiers.AsNoTracking().OrderBy(t => t.Level).ToListAsync(ct)));

        ops.MapPut("/traffic-pools/{level:int}", async (int level, PoolTierChange req, SprigDb db, CancellationToken ct) =>
        {
            var tier = await db.PoolTiers.FirstOrDefaultAsync(t => t.Level == level, ct) ?? throw SprigException.NotFound("Traffic pool tier");
            new Validator()
                .Text(req.Name, "name", 32, required: false)
                .Require(req.Budget is null or (>= 1 and <= 100_000_000), "budget", "must be between 1 and 100000000 impressions")
                .Require(req.MinCtrBps is null or (>= 0 and <= 10_000), "minCtrBps", "must be between 0 and 10000")
                .Require(req.MinCompletionBps is null or (>= 0 and <= 10_000), "minCompletionBps", "must be between 0 and 10000")
                .Require(req.MinLikeBps is null or (>= 0 and <= 10_000), "minLikeBps", "must be between 0 and 10000")
                .Require(req.MinShareBps is null or (>= 0 and <= 10_000), "minShareBps", "must be between 0 and 10000")
                .Require(req.MinCvrBps is null or (>= 0 and <= 10_000), "minCvrBps", "must be between 0 and 10000")
                .Require(req.MinGpm is null or (>= 0 and <= 100_000_000), "minGpm", "must be between 0 and 100000000 fen")
                .ThrowIfInvalid();
            if (req.Name is not null) tier.Name = req.Name.Trim();
            tier.Budget = req.Budget ?? tier.Budget;
            tier.MinCtrBps = req.MinCtrBps ?? tier.MinCtrBps;
            tier.MinCompletionBps = req.MinCompletionBps ?? tier.MinCompletionBps;
            tier.MinLikeBps = req.MinLikeBps ?? tier.MinLikeBps;
            tier.MinShareBps = req.MinShareBps ?? tier.MinShareBps;
            tier.MinCvrBps = req.MinCvrBps ?? tier.MinCvrBps;
            tier.MinGpm = req.MinGpm ?? tier.MinGpm;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(tier);
        });

        ops.MapPost("/traffic-pools/review", async (PoolReview review, CancellationToken ct) =>
        {
            var (promoted, organic) = await review.RunAsync(ct);
            return TypedResults.Ok(new ReviewRunDto(promoted, organic));
        });
    }

    private static int PageNumber(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 1;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/').PadRight((cursor.Length + 3) / 4 * 4, '=')));
            if (text.StartsWith("feed:", StringComparison.Ordinal) && int.TryParse(text[5..], out var n) && n > 0) return n;
        }
        catch (FormatException)
        {
        }
        throw SprigException.Validation("cursor", "is not a cursor this feed gave out");
    }

    private static string Cursor(int page) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"feed:{page}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record FeedPreferenceChange(bool? Personalised);
