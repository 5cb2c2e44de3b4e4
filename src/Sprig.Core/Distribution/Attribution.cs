using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Distribution;

/// <summary>What the client says led to an order.</summary>
public sealed record OrderSource(string? ImpressionId, string? ShareId, string? Scene, string? ContentId, Guid? CreatorId,
    IReadOnlyList<Guid>? SharerChain, string? TrafficPool);

/// <summary>
/// Works out from the platform's own records what brought an order, before it is placed (the order snapshots it):
/// an impression served to this buyer gives the pool, the content and the scene it was shown in; a share link gives
/// the sharer chain and the scene "share"; a live room (the content named, on air or not) gives the scene "live".
/// Content without a shop of its own is a creator's, so the creator is credited (their commission follows the
/// affiliate plan). What the client says is kept where the records say nothing, but for an impression id the log does
/// not hold as this buyer's; a scene the client names wins over the impression's, but never over a share link's.
/// </summary>
public static class Attribution
{
    public static async Task<OrderSource> ResolveAsync(SprigDb db, Guid buyerId, OrderSource s, CancellationToken ct)
    {
        var scene = s.Scene;
        var contentId = s.ContentId;
        var creatorId = s.CreatorId;
        var chain = s.SharerChain;
        var pool = s.TrafficPool;

        // an impression not served to this buyer (another's, or one the log no longer holds) is not kept: the payment
        // and the analytics would credit its item and pool from it
        string? impression = null;
        if (s.ImpressionId is not null && Guid.TryParse(s.ImpressionId, out var impressionId))
        {
            var shown = await ImpressionLog.FindAsync(db, impressionId, buyerId, ct);
            if (shown is not null)
            {
                impression = s.ImpressionId;
                pool = shown.Pool ?? pool;
                if (shown.Kind != FeedItemKind.Product) contentId = shown.ItemId.ToString();
                scene ??= shown.Tab switch
                {
                    FeedTab.Search => "search",
                    FeedTab.Shelf => "showcase",
                    _ => shown.Kind switch { FeedItemKind.Live => "live", FeedItemKind.Video => "shortVideo", _ => "feed" },
                };
            }
        }

        if (s.ShareId is not null)
        {
            if (!Guid.TryParse(s.ShareId, out var shareId)) throw SprigException.Validation("shareId", "is not a share link");
            var share = await db.Shares.AsNoTracking().FirstOrDefaultAsync(x => x.Id == shareId, ct)
                ?? throw SprigException.Validation("shareId", "no such share link");
            chain = share.Chain.Split(',').Select(Guid.Parse).ToList();
            scene = "share";
            if (share.TargetKind == Social.SignalTarget.Content) contentId = share.TargetId.ToString();
        }

        if (contentId is not null && Guid.TryParse(contentId, out var cid))
        {
            var content = await db.ContentItems.AsNoTracking().Where(c => c.Id == cid)
                .Select(c => new { c.Kind, c.AuthorId, c.ShopId }).FirstOrDefaultAsync(ct);
            if (content is not null)
            {
                if (content.Kind == ContentKind.Live && scene != "share") scene ??= "live";
                if (content.ShopId is null) creatorId ??= content.AuthorId;
            }
        }
        return new OrderSource(impression, s.ShareId, scene, contentId, creatorId, chain, pool);
    }
}
