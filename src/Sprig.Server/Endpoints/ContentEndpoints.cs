using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Http;

namespace Sprig.Server.Endpoints;

public sealed record UserRefDto(Guid Id, string DisplayName);

public sealed record CardDto(Guid ProductId, Guid ShopId, int Position, CardSource Source, Guid? PromotionId, string? Title, bool Listed,
    string Currency, long? MinPrice);

public sealed record LiveDto(LiveStatus Status, DateTimeOffset? ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    Guid? PinnedProductId, int ViewersNow, int PeakViewers, int TotalViewers);

/// <summary>A video, post or live session. <c>holdReason</c> and <c>reviewNote</c> are shown to its author and operators only.</summary>
public sealed record ContentDto(Guid Id, ContentKind Kind, Guid AuthorId, UserRefDto? Author, Guid? ShopId, string Title, string? Body, string MediaUrl,
    int? DurationSeconds, ContentStatus Status, string? HoldReason, string? ReviewNote, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    int LikeCount, int ShareCount, int CommentCount, bool Liked, IReadOnlyList<CardDto> Cards, LiveDto? Live);

public sealed record LiveRoomDto(Guid ContentId, string Title, LiveDto Live, CardDto? PinnedProduct, IReadOnlyList<CardDto> Cards, LiveSalesDto? Sales);

/// <summary>The room's sales, for its host and operators: GMV is original + freight of the paid orders (before discounts).</summary>
public sealed record LiveSalesDto(string Currency, long Gmv, long Paid, long Refunded, int Orders, int Buyers, IReadOnlyList<LiveOrder> RecentOrders);

public sealed record CommentDto(Guid Id, Guid ContentId, UserRefDto User, string Text, CommentStatus Status, string? HoldReason, string? ReviewNote, DateTimeOffset CreatedAt);

public sealed record ContentChangeRequest(string? Title, string? Body);
public sealed record PinRequest(Guid? ProductId);
public sealed record CommentRequest(string? Text);

public static class ContentEndpoints
{
    public static void MapContentEndpoints(this RouteGroupBuilder api)
    {
        var content = api.MapGroup("/content").WithTags("Content");
        content.MapPost("/", async (NewContent? req, HttpContext http, ContentDesk desk, SprigDb db, CancellationToken ct) =>
        {
            var created = await desk.CreateAsync(http.User.Id(), req ?? new NewContent(null, null, null, null, null), ct);
            return TypedResults.Created($"/api/content/{created.Id}", await ContentViews.OneAsync(db, created, http.Viewer(), ct));
        }).RequireAuthorization();

        content.MapGet("/{contentId:guid}", async (Guid contentId, HttpContext http, ContentDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await desk.GetAsync(contentId, http.Viewer(), ct), http.Viewer(), ct)));

        content.MapPatch("/{contentId:guid}", async (Guid contentId, ContentChangeRequest? req, HttpContext http, ContentDesk desk, SprigDb db, CancellationToken ct) =>
        {
            var edited = await desk.EditAsync(contentId, http.User.Id(), new ContentChange(req?.Title, req?.Body), ct);
            return TypedResults.Ok(await ContentViews.OneAsync(db, edited, http.Viewer(), ct));
        }).RequireAuthorization();

        content.MapDelete("/{contentId:guid}", async (Guid contentId, HttpContext http, ContentDesk desk, CancellationToken ct) =>
        {
            await desk.RemoveAsync(contentId, http.User.Id(), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        api.MapGet("/users/{userId:guid}/content", async (Guid userId, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw SprigException.NotFound("User");
            return TypedResults.Ok(await ContentViews.PageAsync(db, db.ContentItems.Where(c => c.AuthorId == userId && c.Status == ContentStatus.Published),
                limit, cursor, http.Viewer(), ct));
        }).WithTags("Content");

        api.MapGet("/shops/{shopId:guid}/content", async (Guid shopId, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            if (!await db.Shops.AnyAsync(s => s.Id == shopId, ct)) throw SprigException.NotFound("Shop");
            return TypedResults.Ok(await ContentViews.PageAsync(db, db.ContentItems.Where(c => c.ShopId == shopId && c.Status == ContentStatus.Published),
                limit, cursor, http.Viewer(), ct));
        }).WithTags("Content");

        // the author's own, whatever their status, with why they are held or rejected
        api.MapGet("/me/content", async (string? status, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var parsed = Enums.Parse<ContentStatus>(status);
            new Validator().Require(status is null || parsed is not null, "status", "must be published, heldForReview, rejected or removed").ThrowIfInvalid();
            var q = db.ContentItems.Where(c => c.AuthorId == me);
            q = parsed is { } s ? q.Where(c => c.Status == s) : q.Where(c => c.Status != ContentStatus.Removed);
            return TypedResults.Ok(await ContentViews.PageAsync(db, q, limit, cursor, http.Viewer(), ct));
        }).RequireAuthorization().WithTags("Content");

        MapLive(content);
        MapComments(content);
    }

    private static void MapLive(RouteGroupBuilder content)
    {
        var live = content.MapGroup("/{contentId:guid}/live").WithTags("Live");
        live.MapGet("/", async (Guid contentId, HttpContext http, ContentDesk desk, LiveDesk lives, SprigDb db, CancellationToken ct) =>
        {
            var viewer = http.Viewer();
            var session = await desk.GetAsync(contentId, viewer, ct);
            if (session.Kind != ContentKind.Live) throw new SprigException(409, "not_live", "This content is not a live session.");
            LiveSalesDto? sales = null;
            if (viewer.IsOperator || viewer.UserId == session.AuthorId)
            {
                var s = await lives.SalesAsync(contentId, ct);
                sales = new LiveSalesDto(Money.Currency, s.Gmv, s.Paid, s.Refunded, s.Orders, s.Buyers, s.Recent);
            }
            var dto = await ContentViews.OneAsync(db, session, viewer, ct);
            return TypedResults.Ok(new LiveRoomDto(dto.Id, dto.Title, dto.Live!, dto.Cards.FirstOrDefault(c => c.ProductId == session.PinnedProductId),
                dto.Cards, sales));
        });

        live.MapPost("/start", async (Guid contentId, HttpContext http, LiveDesk lives, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await lives.StartAsync(contentId, http.User.Id(), ct), http.Viewer(), ct))).RequireAuthorization();
        live.MapPost("/end", async (Guid contentId, HttpContext http, LiveDesk lives, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await lives.EndAsync(contentId, http.User.Id(), ct), http.Viewer(), ct))).RequireAuthorization();
        live.MapPost("/pin", async (Guid contentId, PinRequest? req, HttpContext http, LiveDesk lives, SprigDb db, CancellationToken ct) =>
        {
            new Validator().Require(req?.ProductId is not null, "productId", "is required (DELETE the pin to take it down)").ThrowIfInvalid();
            return TypedResults.Ok(await ContentViews.OneAsync(db, await lives.PinAsync(contentId, http.User.Id(), req!.ProductId, ct), http.Viewer(), ct));
        }).RequireAuthorization();
        live.MapDelete("/pin", async (Guid contentId, HttpContext http, LiveDesk lives, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await lives.PinAsync(contentId, http.User.Id(), null, ct), http.Viewer(), ct))).RequireAuthorization();
        live.MapPost("/join", async (Guid contentId, HttpContext http, LiveDesk lives, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await lives.JoinAsync(contentId, http.User.Id(), ct), http.Viewer(), ct))).RequireAuthorization();
        live.MapPost("/leave", async (Guid contentId, HttpContext http, LiveDesk lives, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await lives.LeaveAsync(contentId, http.User.Id(), ct), http.Viewer(), ct))).RequireAuthorization();
    }

    private static void MapComments(RouteGroupBuilder content)
    {
        var comments = content.MapGroup("/{contentId:guid}/comments").WithTags("Comments");
        comments.MapPost("/", async (Guid contentId, CommentRequest? req, HttpContext http, CommentDesk desk, SprigDb db, CancellationToken ct) =>
        {
            var comment = await desk.PostAsync(contentId, http.User.Id(), req?.Text, ct);
            return TypedResults.Created($"/api/content/{contentId}/comments/{comment.Id}", (await CommentViews.ManyAsync(db, [comment], http.Viewer(), ct))[0]);
        }).RequireAuthorization();

        // visible comments, newest first, and the caller's own held ones (so a writer sees why theirs waits)
        comments.MapGet("/", async (Guid contentId, int? limit, string? cursor, HttpContext http, ContentDesk desk, SprigDb db, CancellationToken ct) =>
        {
            var viewer = http.Viewer();
            await desk.GetAsync(contentId, viewer, ct);
            var me = viewer.UserId ?? Guid.Empty;
            var q = db.Comments.AsNoTracking().Where(c => c.ContentId == contentId
                && (c.Status == CommentStatus.Visible || (c.UserId == me && c.Status == CommentStatus.HeldForReview)));
            var page = await q.PageAsync(c => c.Id, limit, cursor, c => c, ct);
            return TypedResults.Ok(new Page<CommentDto>(await CommentViews.ManyAsync(db, page.Items, viewer, ct), page.NextCursor));
        });

        comments.MapDelete("/{commentId:guid}", async (Guid contentId, Guid commentId, HttpContext http, CommentDesk desk, CancellationToken ct) =>
        {
            await desk.DeleteAsync(contentId, commentId, http.Viewer(), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization();
    }

    /// <summary>The caller as the content rules see them (anonymous when not signed in).</summary>
    public static Viewer Viewer(this HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? new Viewer(http.User.Id(), http.User.IsOperator()) : Sprig.Content.Viewer.Anonymous;
}

/// <summary>Content as the API shows it: authors' names, card products' titles and prices, and whether the caller liked it, in three reads per page.</summary>
public static class ContentViews
{
    public static async Task<ContentDto> OneAsync(SprigDb db, ContentItem c, Viewer viewer, CancellationToken ct) =>
        (await ManyAsync(db, [c], viewer, ct))[0];

    public static async Task<Page<ContentDto>> PageAsync(SprigDb db, IQueryable<ContentItem> q, int? limit, string? cursor, Viewer viewer, CancellationToken ct)
    {
        var page = await q.AsNoTracking().Include(c => c.Cards).PageAsync(c => c.Id, limit, cursor, c => c, ct);
        return new Page<ContentDto>(await ManyAsync(db, page.Items, viewer, ct), page.NextCursor);
    }

    public static async Task<List<ContentDto>> ManyAsync(SprigDb db, IReadOnlyList<ContentItem> items, Viewer viewer, CancellationToken ct)
    {
        var authorIds = items.Select(c => c.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var productIds = items.SelectMany(c => c.Cards.Select(card => card.ProductId)).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Status, MinPrice = p.Skus.Min(s => (long?)s.Price) }).ToDictionaryAsync(p => p.Id, ct);
        var ids = items.Select(c => c.Id).ToList();
        HashSet<Guid> liked = viewer.UserId is { } me
            ? (await db.Likes.AsNoTracking().Where(l => l.UserId == me && ids.Contains(l.TargetId)).Select(l => l.TargetId).ToListAsync(ct)).ToHashSet()
            : [];

        return items.Select(c =>
        {
            var mine = viewer.IsOperator || viewer.UserId == c.AuthorId;
            var cards = c.Cards.OrderBy(x => x.Position).Select(x =>
            {
                var p = products.GetValueOrDefault(x.ProductId);
                return new CardDto(x.ProductId, x.ShopId, x.Position, x.Source, x.PromotionId, p?.Title, p?.Status == Catalog.ProductStatus.Listed, Money.Currency, p?.MinPrice);
            }).ToList();
            var live = c.LiveStatus is { } status
                ? new LiveDto(status, c.ScheduledAt, c.StartedAt, c.EndedAt, c.PinnedProductId, c.ViewersNow, c.PeakViewers, c.TotalViewers)
                : null;
            return new ContentDto(c.Id, c.Kind, c.AuthorId, authors.TryGetValue(c.AuthorId, out var name) ? new UserRefDto(c.AuthorId, name) : null,
                c.ShopId, c.Title, c.Body, c.MediaUrl, c.DurationSeconds, c.Status, mine ? c.HoldReason : null, mine ? c.ReviewNote : null,
                c.CreatedAt, c.PublishedAt, c.LikeCount, c.ShareCount, c.CommentCount, liked.Contains(c.Id), cards, live);
        }).ToList();
    }
}

public static class CommentViews
{
    public static async Task<List<CommentDto>> ManyAsync(SprigDb db, IReadOnlyList<Comment> items, Viewer viewer, CancellationToken ct)
    {
        var userIds = items.Select(c => c.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return items.Select(c =>
        {
            var mine = viewer.IsOperator || viewer.UserId == c.UserId;
            return new CommentDto(c.Id, c.ContentId, new UserRefDto(c.UserId, names.GetValueOrDefault(c.UserId, "")), c.Text, c.Status,
                mine ? c.HoldReason : null, mine ? c.ReviewNote : null, c.CreatedAt);
        }).ToList();
    }
}
