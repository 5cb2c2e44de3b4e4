using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Http;
using Sprig.Shops;
using Sprig.Social;

namespace Sprig.Server.Endpoints;

public sealed record RelationDto(bool Following, bool FollowsYou, FriendStatus Friend);

/// <summary>A public profile: no email, the social counts, and (signed in) how the caller stands with them.</summary>
public sealed record ProfileDto(Guid Id, string DisplayName, bool Creator, bool Merchant, IReadOnlyList<Guid> ShopIds,
    int Followers, int Following, int Friends, int Content, RelationDto? You);

public sealed record ShopSocialDto(Guid ShopId, int Followers, bool Following);

public sealed record ProductSocialDto(Guid ProductId, long LikeCount, long ShareCount, bool Liked);

/// <summary>Someone in a list of followers, friends or requests, and since when.</summary>
public sealed record EdgeDto(Guid UserId, string DisplayName, DateTimeOffset Since);

public sealed record FollowingDto(FollowTarget TargetKind, Guid TargetId, string Name, DateTimeOffset Since);

public sealed record ShareDto(Guid Id, SignalTarget TargetKind, Guid TargetId, Guid ShopId, Guid UserId, Guid? ParentId, IReadOnlyList<Guid> Chain,
    Guid? ToUserId, DateTimeOffset CreatedAt, string Link)
{
    public static ShareDto From(Share s) => new(s.Id, s.TargetKind, s.TargetId, s.ShopId, s.UserId, s.ParentId,
        s.Chain.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList(), s.ToUserId, s.CreatedAt, $"/api/shares/{s.Id}");
}

/// <summary>What an order placed from this link should carry (POST /api/orders takes these fields as they are; the share id alone is enough where orders resolve it).</summary>
public sealed record ShareAttributionDto(string Scene, Guid ShareId, IReadOnlyList<Guid> SharerChain, string? ContentId, Guid? CreatorId);

public sealed record ProductRefDto(Guid Id, Guid ShopId, string Title, string Currency, long? MinPrice);

/// <summary>A share link resolved: what it points at (unless it is no longer available), who shared it, in order, and the attribution.</summary>
public sealed record ShareLinkDto(ShareDto Share, IReadOnlyList<UserRefDto> Sharers, bool Available, ContentDto? Content, ProductRefDto? Product,
    ShareAttributionDto Attribution);

public static class SocialEndpoints
{
    public static void MapSocialEndpoints(this RouteGroupBuilder api)
    {
        MapLikesAndShares(api);
        MapFollows(api);
        MapFriends(api);
    }

    private static void MapLikesAndShares(RouteGroupBuilder api)
    {
        foreach (var (prefix, kind) in new[] { ("/content/{targetId:guid}", SignalTarget.Content), ("/products/{targetId:guid}", SignalTarget.Product) })
        {
            api.MapPost($"{prefix}/like", async (Guid targetId, HttpContext http, LikeDesk likes, CancellationToken ct) =>
                TypedResults.Ok(await likes.LikeAsync(http.User.Id(), kind, targetId, http.Viewer(), ct))).RequireAuthorization().WithTags("Social");
            api.MapDelete($"{prefix}/like", async (Guid targetId, HttpContext http, LikeDesk likes, CancellationToken ct) =>
                TypedResults.Ok(await likes.UnlikeAsync(http.User.Id(), kind, targetId, ct))).RequireAuthorization().WithTags("Social");
            api.MapPost($"{prefix}/share", async (Guid targetId, NewShare? req, HttpContext http, ShareDesk shares, CancellationToken ct) =>
            {
                var share = await shares.ShareAsync(http.User.Id(), kind, targetId, http.Viewer(), req ?? new NewShare(null, null), ct);
                return TypedResults.Created($"/api/shares/{share.Id}", ShareDto.From(share));
            }).RequireAuthorization().WithTags("Social");
        }

        api.MapGet("/products/{productId:guid}/social", async (Guid productId, HttpContext http, LikeDesk likes, ShareDesk shares, SprigDb db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) throw SprigException.NotFound("Product");
            var like = await likes.StateAsync(http.Viewer().UserId, SignalTarget.Product, productId, ct);
            return TypedResults.Ok(new ProductSocialDto(productId, like.LikeCount, await shares.CountAsync(SignalTarget.Product, productId, ct), like.Liked));
        }).WithTags("Social");

        // a share link, opened by anyone (the recipient is often not signed in yet)
        api.MapGet("/shares/{shareId:guid}", async (Guid shareId, HttpContext http, ShareDesk shares, SprigDb db, CancellationToken ct) =>
        {
            var share = await shares.GetAsync(shareId, ct);
            var dto = ShareDto.From(share);
            var names = await db.Users.AsNoTracking().Where(u => dto.Chain.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var sharers = dto.Chain.Select(id => new UserRefDto(id, names.GetValueOrDefault(id, ""))).ToList();
            ContentDto? content = null;
            ProductRefDto? product = null;
            Guid? creatorId = null;
            if (share.TargetKind == SignalTarget.Content)
            {
                var item = await db.ContentItems.AsNoTracking().Include(c => c.Cards)
                    .FirstOrDefaultAsync(c => c.Id == share.TargetId && c.Status == ContentStatus.Published, ct);
                if (item is not null)
                {
                    content = await ContentViews.OneAsync(db, item, http.Viewer(), ct);
                    // a creator's own content: orders from it earn the creator's commission
                    if (item.ShopId is null) creatorId = item.AuthorId;
                }
            }
            else
            {
                product = await db.Products.AsNoTracking().Where(p => p.Id == share.TargetId && p.Status == ProductStatus.Listed)
                    .Select(p => new ProductRefDto(p.Id, p.ShopId, p.Title, Money.Currency, p.Skus.Min(s => (long?)s.Price))).FirstOrDefaultAsync(ct);
            }
            var attribution = new ShareAttributionDto("share", share.Id, dto.Chain, share.TargetKind == SignalTarget.Content ? share.TargetId.ToString() : null, creatorId);
            // what a link leads to is there to buy only while its shop is open
            var open = share.ShopId == Guid.Empty || await db.Shops.AnyAsync(s => s.Id == share.ShopId && s.Status == ShopStatus.Open, ct);
            return TypedResults.Ok(new ShareLinkDto(dto, sharers, open && (content is not null || product is not null), content, product, attribution));
        }).WithTags("Social");
    }

    private static void MapFollows(RouteGroupBuilder api)
    {
        api.MapPost("/users/{userId:guid}/follow", async (Guid userId, HttpContext http, FollowDesk follows, CancellationToken ct) =>
            TypedResults.Ok(await follows.FollowAsync(http.User.Id(), FollowTarget.User, userId, ct))).RequireAuthorization().WithTags("Social");
        api.MapDelete("/users/{userId:guid}/follow", async (Guid userId, HttpContext http, FollowDesk follows, CancellationToken ct) =>
            TypedResults.Ok(await follows.UnfollowAsync(http.User.Id(), FollowTarget.User, userId, ct))).RequireAuthorization().WithTags("Social");
        api.MapPost("/shops/{shopId:guid}/follow", async (Guid shopId, HttpContext http, FollowDesk follows, CancellationToken ct) =>
            TypedResults.Ok(await follows.FollowAsync(http.User.Id(), FollowTarget.Shop, shopId, ct))).RequireAuthorization().WithTags("Social");
        api.MapDelete("/shops/{shopId:guid}/follow", async (Guid shopId, HttpContext http, FollowDesk follows, CancellationToken ct) =>
            TypedResults.Ok(await follows.UnfollowAsync(http.User.Id(), FollowTarget.Shop, shopId, ct))).RequireAuthorization().WithTags("Social");

        api.MapGet("/users/{userId:guid}", async (Guid userId, HttpContext http, SprigDb db, FollowDesk follows, FriendDesk friends, CancellationToken ct) =>
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw SprigException.NotFound("User");
            var shopIds = await db.Shops.AsNoTracking().Where(s => s.OwnerId == userId).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            RelationDto? you = null;
            if (http.Viewer().UserId is { } me && me != userId)
                you = new RelationDto(
                    await db.Follows.AnyAsync(f => f.FollowerId == me && f.TargetKind == FollowTarget.User && f.TargetId == userId, ct),
                    await db.Follows.AnyAsync(f => f.FollowerId == userId && f.TargetKind == FollowTarget.User && f.TargetId == me, ct),
                    await friends.StatusAsync(me, userId, ct));
            return TypedResults.Ok(new ProfileDto(user.Id, user.DisplayName, user.Roles.HasFlag(Role.Creator), shopIds.Count > 0, shopIds,
                await follows.FollowersAsync(FollowTarget.User, userId, ct),
                await db.Follows.CountAsync(f => f.FollowerId == userId, ct),
                await db.Friendships.CountAsync(f => f.UserId == userId, ct),
                await db.ContentItems.CountAsync(c => c.AuthorId == userId && c.Status == ContentStatus.Published, ct),
                you));
        }).WithTags("Social");

        api.MapGet("/users/{userId:guid}/followers", async (Guid userId, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw SprigException.NotFound("User");
            return TypedResults.Ok(await Edges.PageAsync(db, db.Follows.Where(f => f.TargetId == userId && f.TargetKind == FollowTarget.User),
                f => f.FollowerId, f => f.CreatedAt, limit, cursor, ct));
        }).WithTags("Social");

        api.MapGet("/shops/{shopId:guid}/followers", async (Guid shopId, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            if (!await db.Shops.AnyAsync(s => s.Id == shopId, ct)) throw SprigException.NotFound("Shop");
            return TypedResults.Ok(await Edges.PageAsync(db, db.Follows.Where(f => f.TargetId == shopId && f.TargetKind == FollowTarget.Shop),
                f => f.FollowerId, f => f.CreatedAt, limit, cursor, ct));
        }).WithTags("Social");

        api.MapGet("/shops/{shopId:guid}/social", async (Guid shopId, HttpContext http, SprigDb db, FollowDesk follows, CancellationToken ct) =>
        {
            if (!await db.Shops.AnyAsync(s => s.Id == shopId, ct)) throw SprigException.NotFound("Shop");
            var state = await follows.StateAsync(http.Viewer().UserId, FollowTarget.Shop, shopId, ct);
            return TypedResults.Ok(new ShopSocialDto(shopId, state.Followers, state.Following));
        }).WithTags("Social");

        // users and shops someone follows, newest first
        api.MapGet("/users/{userId:guid}/following", async (Guid userId, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw SprigException.NotFound("User");
            var take = Paging.Limit(limit);
            var q = db.Follows.AsNoTracking().Where(f => f.FollowerId == userId);
            if (Edges.After(cursor) is (var at, var id)) q = q.Where(f => f.CreatedAt < at || (f.CreatedAt == at && f.TargetId < id));
            var rows = await q.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.TargetId).Take(take + 1).ToListAsync(ct);
            var userIds = rows.Where(f => f.TargetKind == FollowTarget.User).Select(f => f.TargetId).ToList();
            var shopIds = rows.Where(f => f.TargetKind == FollowTarget.Shop).Select(f => f.TargetId).ToList();
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var shops = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
            var items = rows.Take(take).Select(f => new FollowingDto(f.TargetKind, f.TargetId,
                (f.TargetKind == FollowTarget.User ? users.GetValueOrDefault(f.TargetId) : shops.GetValueOrDefault(f.TargetId)) ?? "", f.CreatedAt)).ToList();
            return TypedResults.Ok(new Page<FollowingDto>(items, rows.Count > take ? Edges.Cursor(rows[take - 1].CreatedAt, rows[take - 1].TargetId) : null));
        }).WithTags("Social");
    }

    private static void MapFriends(RouteGroupBuilder api)
    {
        api.MapPost("/friends/{userId:guid}", async (Guid userId, HttpContext http, FriendDesk friends, CancellationToken ct) =>
            TypedResults.Ok(await friends.RequestAsync(http.User.Id(), userId, ct))).RequireAuthorization().WithTags("Social");
        api.MapDelete("/friends/{userId:guid}", async (Guid userId, HttpContext http, FriendDesk friends, CancellationToken ct) =>
            TypedResults.Ok(await friends.RemoveAsync(http.User.Id(), userId, ct))).RequireAuthorization().WithTags("Social");

        api.MapGet("/me/friends", async (int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            return TypedResults.Ok(await Edges.PageAsync(db, db.Friendships.Where(f => f.UserId == me), f => f.FriendId, f => f.CreatedAt, limit, cursor, ct));
        }).RequireAuthorization().WithTags("Social");

        api.MapGet("/me/friend-requests", async (string? direction, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            new Validator().Require(direction is null or "incoming" or "outgoing", "direction", "must be incoming or outgoing").ThrowIfInvalid();
            var me = http.User.Id();
            return TypedResults.Ok(direction == "outgoing"
                ? await Edges.PageAsync(db, db.FriendRequests.Where(r => r.FromId == me), r => r.ToId, r => r.CreatedAt, limit, cursor, ct)
                : await Edges.PageAsync(db, db.FriendRequests.Where(r => r.ToId == me), r => r.FromId, r => r.CreatedAt, limit, cursor, ct));
        }).RequireAuthorization().WithTags("Social");
    }
}

/// <summary>
/// Lists of people (followers, friends, requests), newest first: the cursor is the last row's (time, user), so a
/// page never skips or repeats someone who shares a timestamp with the row before.
/// </summary>
public static class Edges
{
    public static async Task<Page<EdgeDto>> PageAsync<T>(SprigDb db, IQueryable<T> q, Expression<Func<T, Guid>> user, Expression<Func<T, DateTimeOffset>> since,
        int? limit, string? cursor, CancellationToken ct) where T : class
    {
        var take = Paging.Limit(limit);
        // both selectors over one row parameter
        var row = since.Parameters[0];
        var s = since.Body;
        var u = new Rebind(user.Parameters[0], row).Visit(user.Body);
        if (After(cursor) is (var at, var id))
        {
            // since < at || (since == at && user < id); the bound is a captured object, so every page shares one plan
            var bound = Expression.Constant(new Bound(at, id));
            var atBound = Expression.Property(bound, nameof(Bound.At));
            var earlier = Expression.OrElse(Expression.LessThan(s, atBound),
                Expression.AndAlso(Expression.Equal(s, atBound), Expression.LessThan(u, Expression.Property(bound, nameof(Bound.Id)))));
            q = q.Where(Expression.Lambda<Func<T, bool>>(earlier, row));
        }
        var select = Expression.Lambda<Func<T, EdgeRow>>(Expression.MemberInit(Expression.New(typeof(EdgeRow)),
            Expression.Bind(typeof(EdgeRow).GetProperty(nameof(EdgeRow.UserId))!, u),
            Expression.Bind(typeof(EdgeRow).GetProperty(nameof(EdgeRow.Since))!, s)), row);
        var rows = await q.AsNoTracking().OrderByDescending(since).ThenByDescending(user).Take(take + 1).Select(select).ToListAsync(ct);
        var ids = rows.Select(r => r.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var items = rows.Take(take).Select(r => new EdgeDto(r.UserId, names.GetValueOrDefault(r.UserId, ""), r.Since)).ToList();
        return new Page<EdgeDto>(items, rows.Count > take ? Cursor(rows[take - 1].Since, rows[take - 1].UserId) : null);
    }

    public static string Cursor(DateTimeOffset at, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.UtcTicks}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateTimeOffset At, Guid Id)? After(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/').PadRight((cursor.Length + 3) / 4 * 4, '=')));
            var parts = text.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks is >= 0 and <= 3155378975999999999 && Guid.TryParse(parts[1], out var id))
                return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }
        catch (FormatException)
        {
        }
        throw SprigException.Validation("cursor", "is not a cursor this list gave out");
    }

    private sealed record Bound(DateTimeOffset At, Guid Id);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private sealed class EdgeRow
    {
        public Guid UserId { get; init; }
        public DateTimeOffset Since { get; init; }
    }
}
