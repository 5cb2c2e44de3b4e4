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
/// an impression served to this buyer gives the pool, the content and the scene it was shown in; a share link of what
/// is ordered gives the sharer chain and the scene "share"; a live room (the content named, on air or not) gives the
/// scene "live" unless another scene than the feed was named. Content without a shop of its own is a creator's, so the creator is credited (their commission follows
/// the affiliate plan). A share or content counts only if it leads to the order: its product is ordered, or it is the
/// ordering shop's or carries a card of an ordered product.
/// <para>
/// The scenes the platform keeps records of are never taken on the client's word: "share" (the private-domain fee
/// program charges 1% for it) and "live" (the room's GMV) come from a share link and a live room, and a sharer chain
/// only from a share link, a traffic pool only from an impression. Other scenes the client names are kept, and win over
/// the impression's.
/// </para>
/// </summary>
public static class Attribution
{
    /// <summary>What of the client's word stands before any record is read: not the scenes "share" and "live", a sharer chain or a traffic pool.</summary>
    public static OrderSource Claimed(OrderSource s) =>
        s with { Scene = Is(s.Scene, "share") || Is(s.Scene, "live") ? null : s.Scene, SharerChain = null, TrafficPool = null };

    /// <summary>Whether the source names a record to read (an impression, a share link or content).</summary>
    public static bool NamesRecords(OrderSource s) => s.ImpressionId is not null || s.ShareId is not null || s.ContentId is not null;

    public static async Task<OrderSource> ResolveAsync(SprigDb db, Guid buyerId, OrderSource claimed, IReadOnlyCollection<Guid> skuIds, CancellationToken ct)
    {
        var s = Claimed(claimed);
        var scene = s.Scene;
        var contentId = s.ContentId;
        var creatorId = s.CreatorId;
        IReadOnlyList<Guid>? chain = null;
        string? pool = null;

        // an impression not served to this buyer (another's, or one the log no longer holds) is not kept: the payment
        // and the analytics would credit its item and pool from it
        string? impression = null;
        if (s.ImpressionId is not null && Guid.TryParse(s.ImpressionId, out var impressionId))
        {
            var shown = await ImpressionLog.FindAsync(db, impressionId, buyerId, ct);
            if (shown is not null)
            {
                impression = s.ImpressionId;
                pool = shown.Pool;
                if (shown.Kind != FeedItemKind.Product) contentId = shown.ItemId.ToString();
                scene ??= shown.Tab switch
                {
                    FeedTab.Search => "search",
                    FeedTab.Shelf => "showcase",
                    _ => shown.Kind switch { FeedItemKind.Live => "live", FeedItemKind.Video => "shortVideo", _ => "feed" },
                };
            }
        }

        Ordered? ordered = null;
        async Task<Ordered> OrderedAsync() => ordered ??= await Ordered.ReadAsync(db, skuIds, ct);

        if (s.ShareId is not null)
        {
            if (!Guid.TryParse(s.ShareId, out var shareId)) throw SprigException.Validation("shareId", "is not a share link");
            var share = await db.Shares.AsNoTracking().FirstOrDefaultAsync(x => x.Id == shareId, ct)
                ?? throw SprigException.Validation("shareId", "no such share link");
            var leads = share.TargetKind == Social.SignalTarget.Content
                ? await (await OrderedAsync()).ShowsAsync(db, share.TargetId, ct)
                : (await OrderedAsync()).Products.Contains(share.TargetId);
            // a link to something else (another shop's product, say) brought someone here, not this order
            if (leads)
            {
                chain = share.Chain.Split(',').Select(Guid.Parse).ToList();
                scene = "share";
                if (share.TargetKind == Social.SignalTarget.Content) contentId = share.TargetId.ToString();
            }
        }

        if (contentId is not null && Guid.TryParse(contentId, out var cid))
        {
            var content = await db.ContentItems.AsNoTracking().Where(c => c.Id == cid)
                .Select(c => new { c.Kind, c.AuthorId, c.ShopId }).FirstOrDefaultAsync(ct);
            if (content is not null && !await (await OrderedAsync()).ShowsAsync(db, cid, ct))
                contentId = null; // content that shows none of this: its item, room and creator are not credited
            else if (content is not null)
            {
                // a room opened from the feed is still the room (the page says "feed" on the way in); another scene the client names stands
                if (content.Kind == ContentKind.Live && (scene is null || Is(scene, "feed"))) scene = "live";
                if (content.ShopId is null) creatorId ??= content.AuthorId;
                contentId = cid.ToString();
            }
        }
        return new OrderSource(impression, s.ShareId, scene, contentId, creatorId, chain, pool);
    }

    private static bool Is(string? scene, string name) => string.Equals(scene, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The ordered SKUs' products and shops, and which content shows them (asked once per content).</summary>
    private sealed record Ordered(HashSet<Guid> Products, HashSet<Guid> Shops)
    {
        private readonly Dictionary<Guid, bool> _shows = [];

        public static async Task<Ordered> ReadAsync(SprigDb db, IReadOnlyCollection<Guid> skuIds, CancellationToken ct)
        {
            var ids = skuIds.Distinct().ToArray();
            var rows = ids.Length == 0 ? [] : await db.Skus.AsNoTracking().Where(k => ids.Contains(k.Id)).Select(k => new { k.ProductId, k.ShopId }).ToListAsync(ct);
            return new([.. rows.Select(r => r.ProductId)], [.. rows.Select(r => r.ShopId)]);
        }

        /// <summary>Whether the content leads to the order: the ordering shop's own, or pinned with a card of an ordered product.</summary>
        public async Task<bool> ShowsAsync(SprigDb db, Guid contentId, CancellationToken ct)
        {
            if (_shows.TryGetValue(contentId, out var known)) return known;
            var shops = Shops.ToArray();
            var products = Products.ToArray();
            return _shows[contentId] = products.Length > 0 && await db.ContentItems.AnyAsync(c => c.Id == contentId
                && ((c.ShopId != null && shops.Contains(c.ShopId.Value)) || c.Cards.Any(card => products.Contains(card.ProductId))), ct);
        }
    }
}
