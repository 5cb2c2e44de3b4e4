using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Content;

public sealed record NewContent(
    string? Kind, string? Title, string? MediaUrl, int? DurationSeconds, IReadOnlyList<Guid>? ProductIds,
    string? Body = null, Guid? ShopId = null, DateTimeOffset? ScheduledAt = null);

/// <summary>Null leaves a field as it is; an empty body clears it.</summary>
public sealed record ContentChange(string? Title, string? Body);

/// <summary>
/// Videos, posts and live sessions: who may publish what, which products they may pin, and the spam filter on
/// the way in. Clean content is published at once and enters distribution; suspicious content waits for an
/// operator (ModerationDesk).
/// </summary>
public sealed class ContentDesk(SprigDb db, ModerationDesk moderation, TimeProvider clock)
{
    public const int MaxTitle = 120;
    public const int MaxBody = 5000;
    public const int MaxDurationSeconds = 24 * 3600;
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(90);

    public async Task<ContentItem> CreateAsync(Guid authorId, NewContent req, CancellationToken ct = default)
    {
        var v = new Validator();
        var kind = Enums.Parse<ContentKind>(req.Kind);
        v.Require(kind is not null, "kind", "must be video, post or live")
         .Text(req.Title, "title", MaxTitle)
         .Text(req.Body, "body", MaxBody, required: false)
         .Require(req.DurationSeconds is null or (>= 1 and <= MaxDurationSeconds), "durationSeconds", $"must be between 1 and {MaxDurationSeconds}")
         .Require(req.ProductIds is null || req.ProductIds.Count <= ContentItem.MaxProductCards * 2, "productIds", $"at most {ContentItem.MaxProductCards} products")
         .Require(req.ProductIds is null || req.ProductIds.Distinct().Count() <= ContentItem.MaxProductCards, "productIds", $"at most {ContentItem.MaxProductCards} products");
        if (kind == ContentKind.Live)
        {
            v.Require(req.MediaUrl is null || IsHttpUrl(req.MediaUrl), "mediaUrl", "must be an http(s) URL of at most 1000 characters");
            var now = clock.GetUtcNow();
            v.Require(req.ScheduledAt is null || (req.ScheduledAt >= now.AddMinutes(-5) && req.ScheduledAt <= now + MaxScheduleAhead), "scheduledAt",
                "must be between now and 90 days ahead");
        }
        else
        {
            v.Require(IsHttpUrl(req.MediaUrl), "mediaUrl", "must be an http(s) URL of at most 1000 characters")
             .Require(req.ScheduledAt is null, "scheduledAt", "only live sessions are scheduled");
        }
        v.ThrowIfInvalid();

        var author = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == authorId, ct) ?? throw SprigException.NotFound("User");
        var shop = await PublishingShopAsync(author, req.ShopId, ct);
        var productIds = (req.ProductIds ?? []).Distinct().ToList();
        var cards = await CardsAsync(author, shop, productIds, ct);
        var hit = await moderation.CheckAsync([req.Title, req.Body], ct);

        var at = clock.GetUtcNow();
        var content = new ContentItem
        {
            Id = Ids.New(), AuthorId = authorId, ShopId = shop?.Id, Kind = kind!.Value, Title = req.Title!.Trim(),
            Body = string.IsNullOrWhiteSpace(req.Body) ? null : req.Body.Trim(), MediaUrl = req.MediaUrl?.Trim() ?? "",
            DurationSeconds = req.DurationSeconds, CreatedAt = at,
            Status = hit is null ? ContentStatus.Published : ContentStatus.HeldForReview, HoldReason = hit?.Reason,
            PublishedAt = hit is null ? at : null,
            LiveStatus = kind == ContentKind.Live ? Sprig.Content.LiveStatus.Scheduled : null,
            ScheduledAt = kind == ContentKind.Live ? req.ScheduledAt ?? at : null,
        };
        content.Cards.AddRange(cards.Select((c, i) => new ProductCard
        {
            ContentId = content.Id, ProductId = c.ProductId, ShopId = c.ShopId, Position = i, Source = c.Source, PromotionId = c.PromotionId,
        }));
        db.ContentItems.Add(content);
        if (hit is null) await FeedEntry.ContentPublishedAsync(db, content, at, ct);
        await db.SaveChangesAsync(ct);
        return content;
    }

    /// <summary>The content with its cards, if the viewer may see it; 404 otherwise (held content is nobody else's business).</summary>
    public async Task<ContentItem> GetAsync(Guid contentId, Viewer viewer, CancellationToken ct = default)
    {
        var content = await db.ContentItems.AsNoTracking().Include(c => c.Cards).FirstOrDefaultAsync(c => c.Id == contentId, ct);
        if (content is null || !viewer.Sees(content)) throw SprigException.NotFound("Content");
        return content;
    }

    /// <summary>The author's own content, tracked, with its cards: 404 when unseen, 403 when someone else's.</summary>
    public async Task<ContentItem> GetOwnAsync(Guid contentId, Guid authorId, CancellationToken ct = default)
    {
        var content = await db.ContentItems.Include(c => c.Cards).FirstOrDefaultAsync(c => c.Id == contentId, ct);
        if (content is null || content.Status == ContentStatus.Removed || !new Viewer(authorId, false).Sees(content))
            throw SprigException.NotFound("Content");
        if (content.AuthorId != authorId) throw SprigException.Forbidden("This content is not yours.");
        return content;
    }

    /// <summary>The hold reason of rejected content edited since (its start marks a hold only an operator lifts).</summary>
    public const string Resubmitted = "Edited after it was rejected: waiting for review again.";

    /// <summary>
    /// A new title or body goes through the filter again: spam takes published content out of distribution,
    /// a clean edit releases what the filter held, and an edit of rejected content goes back to the operator (and
    /// stays there through later edits, clean or not).
    /// </summary>
    public async Task<ContentItem> EditAsync(Guid contentId, Guid authorId, ContentChange change, CancellationToken ct = default)
    {
        new Validator()
            .Require(change.Title is not null || change.Body is not null, "title", "say what to change (title or body)")
            .Text(change.Title, "title", MaxTitle, required: change.Title is not null)
            .Text(change.Body, "body", MaxBody, required: false)
            .ThrowIfInvalid();
        var content = await GetOwnAsync(contentId, authorId, ct);
        if (change.Title is not null) content.Title = change.Title.Trim();
        if (change.Body is not null) content.Body = string.IsNullOrWhiteSpace(change.Body) ? null : change.Body.Trim();

        var hit = await moderation.CheckAsync([content.Title, content.Body], ct);
        var now = clock.GetUtcNow();
        var wasPublished = content.Status == ContentStatus.Published;
        // what an operator rejected waits for an operator, however often it is edited: the rejection may be of what an
        // edit cannot change (the media), so a clean text releases only what the filter alone held
        var awaitsOperator = content.Status == ContentStatus.Rejected
            || (content.Status == ContentStatus.HeldForReview && content.HoldReason?.StartsWith(Resubmitted, StringComparison.Ordinal) == true);
        if (awaitsOperator)
        {
            content.Status = ContentStatus.HeldForReview;
            content.HoldReason = hit is null ? Resubmitted : $"{Resubmitted} {hit.Reason}";
        }
        else if (hit is not null)
        {
            content.Status = ContentStatus.HeldForReview;
            content.HoldReason = hit.Reason;
        }
        else if (content.Status == ContentStatus.HeldForReview)
        {
            content.Status = ContentStatus.Published;
            content.HoldReason = null;
            content.PublishedAt ??= now;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (content.Status == ContentStatus.Published) await FeedEntry.ContentPublishedAsync(db, content, now, ct);
        await db.SaveChangesAsync(ct);
        if (wasPublished && content.Status != ContentStatus.Published) await FeedEntry.WithdrawnAsync(db, content.Id, ct);
        await tx.CommitAsync(ct);
        return content;
    }

    /// <summary>The author takes it down: out of every feed and list; a live session still scheduled or on air ends.</summary>
    public async Task RemoveAsync(Guid contentId, Guid authorId, CancellationToken ct = default)
    {
        var content = await GetOwnAsync(contentId, authorId, ct);
        var now = clock.GetUtcNow();
        content.Status = ContentStatus.Removed;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await LiveDesk.StopAsync(db, content, now, ct);
        await FeedEntry.WithdrawnAsync(db, content.Id, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The shop the content is published for: the one named (the caller must own it and it must be open), else a
    /// creator's own content (no shop), else a merchant's only shop. Anyone else may not publish.
    /// </summary>
    private async Task<Shop?> PublishingShopAsync(User author, Guid? shopId, CancellationToken ct)
    {
        Shop? shop;
        if (shopId is { } id)
        {
            shop = await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw SprigException.Validation("shopId", "no such shop");
            if (shop.OwnerId != author.Id) throw SprigException.Forbidden("This shop is not yours.");
        }
        else if (author.Roles.HasFlag(Role.Creator))
        {
            return null;
        }
        else
        {
            var owned = await db.Shops.AsNoTracking().Where(s => s.OwnerId == author.Id).Take(2).ToListAsync(ct);
            if (owned.Count == 0)
                throw SprigException.Forbidden("Only merchants (for their shop) and creators publish content; become a creator with POST /api/me/creator.");
            if (owned.Count > 1) throw SprigException.Validation("shopId", "you own several shops: say which one this is for");
            shop = owned[0];
        }
        shop.RequireOpen();
        return shop;
    }

    private sealed record Card(Guid ProductId, Guid ShopId, CardSource Source, Guid? PromotionId);

    /// <summary>
    /// The cards, checked: only listed products; a shop's content pins only the shop's products; a creator pins
    /// products of shops they own, or another shop's product through an affiliate plan they joined.
    /// </summary>
    private async Task<List<Card>> CardsAsync(User author, Shop? shop, List<Guid> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0) return [];
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ShopId, p.Status }).ToDictionaryAsync(p => p.Id, ct);
        var v = new Validator();
        for (var i = 0; i < productIds.Count; i++) v.Require(products.ContainsKey(productIds[i]), $"productIds[{i}]", "no such product");
        v.ThrowIfInvalid();
        if (productIds.FirstOrDefault(id => products[id].Status != ProductStatus.Listed) is var unlisted && unlisted != Guid.Empty)
            throw new SprigException(409, "product_not_listed", $"Product {unlisted} is not listed; only products on sale can be pinned.");
        // a suspended shop's listed products are not on sale either (its content and rooms are out of the feeds meanwhile)
        var shopIds = products.Values.Select(p => p.ShopId).Distinct().ToList();
        var open = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id) && s.Status == ShopStatus.Open).Select(s => s.Id).ToListAsync(ct);
        if (productIds.FirstOrDefault(id => !open.Contains(products[id].ShopId)) is var closed && closed != Guid.Empty)
            throw new SprigException(409, "shop_not_open", $"Product {closed} belongs to a shop that is not open; it can be pinned once the shop is.");

        if (shop is not null)
        {
            var foreign = productIds.FirstOrDefault(id => products[id].ShopId != shop.Id);
            if (foreign != Guid.Empty)
                throw new SprigException(403, "card_not_allowed", $"Product {foreign} belongs to another shop; a shop's content pins only the shop's own products.");
            return productIds.Select(id => new Card(id, shop.Id, CardSource.OwnShop, null)).ToList();
        }

        var ownShops = await db.Shops.AsNoTracking().Where(s => s.OwnerId == author.Id).Select(s => s.Id).ToListAsync(ct);
        var promotions = await db.CreatorPromotions.AsNoTracking()
            .Where(p => p.CreatorId == author.Id && productIds.Contains(p.ProductId))
            .Join(db.AffiliatePlans.Where(plan => plan.EndedAt == null), p => p.PlanId, plan => plan.Id, (p, plan) => new { p.Id, p.ProductId })
            .ToListAsync(ct);
        var cards = new List<Card>();
        foreach (var id in productIds)
        {
            var product = products[id];
            if (ownShops.Contains(product.ShopId))
                cards.Add(new Card(id, product.ShopId, CardSource.OwnShop, null));
            else if (promotions.FirstOrDefault(p => p.ProductId == id) is { } promotion)
                cards.Add(new Card(id, product.ShopId, CardSource.AffiliatePlan, promotion.Id));
            else
                throw new SprigException(403, "card_not_allowed",
                    $"Product {id} is another shop's: join an active affiliate plan for it (GET /api/affiliate/plans?productId=...) before pinning it.");
        }
        return cards;
    }

    private static bool IsHttpUrl(string? s) =>
        !string.IsNullOrWhiteSpace(s) && s.Length <= 1000 && Uri.TryCreate(s.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>Enum names from the wire: case-insensitive names only, never numbers.</summary>
public static class Enums
{
    /// <summary>A member by its name, any case; nothing else (Enum.TryParse also takes numbers, " 1" and "video,live", which it ORs into Live).</summary>
    public static T? Parse<T>(string? value) where T : struct, Enum =>
        value is { Length: > 0 } && Enum.GetNames<T>().FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name) : null;
}
