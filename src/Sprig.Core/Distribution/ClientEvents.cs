using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Distribution;

public sealed record ClientEvent(string? Type, string? ImpressionId, string? ContentId, string? ProductId, int? WatchSeconds);

/// <summary>
/// Client events after an impression (POST /api/events): clicks, product views, video starts and completed watches, adds
/// to cart. Each names the impression it came from, or the content or product; it moves the item's counters and the
/// buyer's interest in the item's category through the signal writer.
/// </summary>
public sealed class ClientEvents(SprigDb db, SignalWriter writer, TimeProvider clock)
{
    /// <summary>How much one event says about the buyer's taste.</summary>
    private static int InterestWeight(FeedEventType type) => type switch
    {
        FeedEventType.Click => 1, FeedEventType.View => 1, FeedEventType.Complete => 1, FeedEventType.AddToCart => 3, _ => 0,
    };

    public async Task<FeedEvent> RecordAsync(Guid userId, ClientEvent e, CancellationToken ct)
    {
        FeedEventType type = default;
        Guid impressionId = default, contentId = default, productId = default;
        new Validator()
            .Require(e.Type is not null && Enum.TryParse(e.Type, true, out type) && Enum.IsDefined(type), "type", "must be click, view, watch, complete or addToCart")
            .Require(e.ImpressionId is not null || e.ContentId is not null || e.ProductId is not null, "impressionId", "name the impression, or the content or product")
            .Require(e.ImpressionId is null || Guid.TryParse(e.ImpressionId, out impressionId), "impressionId", "is not an impression id")
            .Require(e.ContentId is null || Guid.TryParse(e.ContentId, out contentId), "contentId", "is not a content id")
            .Require(e.ProductId is null || Guid.TryParse(e.ProductId, out productId), "productId", "is not a product id")
            .Require(e.WatchSeconds is null or (>= 0 and <= 86_400), "watchSeconds", "must be between 0 and 86400")
            .ThrowIfInvalid();

        Guid itemId;
        if (e.ImpressionId is not null)
        {
            // an impression is the buyer's own: nobody inflates another buyer's history or an item's rates with a guessed id
            itemId = (await ImpressionLog.FindAsync(db, impressionId, userId, ct))?.ItemId ?? throw SprigException.NotFound("Impression");
        }
        else itemId = e.ContentId is not null ? contentId : productId;

        var item = await db.FeedItems.AsNoTracking().Where(f => f.Id == itemId).Select(f => new { f.CategoryId, f.ProductId }).FirstOrDefaultAsync(ct)
            ?? throw SprigException.NotFound(e.ContentId is not null ? "Content" : "Product");
        var now = clock.GetUtcNow();
        var recorded = new FeedEvent
        {
            Id = Ids.New(), UserId = userId, Type = type, ImpressionId = e.ImpressionId is null ? null : impressionId, ItemId = itemId,
            ProductId = e.ProductId is not null ? productId : item.ProductId, WatchSeconds = e.WatchSeconds, At = now,
        };
        var weight = InterestWeight(type);
        IReadOnlyList<BuyerInterest> interests = weight > 0 && item.CategoryId is { } category
            ? [new BuyerInterest { BuyerId = userId, CategoryId = category, Weight = weight, UpdatedAt = now }]
            : [];
        await writer.EventsAsync([recorded], interests, ct);
        return recorded;
    }
}
