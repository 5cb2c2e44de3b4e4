namespace Sprig.Distribution;

public enum FeedItemKind { Video, Post, Live, Product }

/// <summary>
/// What a feed can serve: one row per published piece of content or listed product (same id as it), with the counters
/// the ranking reads and its place in the traffic pools. <see cref="PoolLevel"/> 0 is the cold-start pool, higher
/// levels are the tiers above it, <see cref="Organic"/> means the review left it to organic traffic. The Tier*
/// counters count what happened since it entered its current pool; they decide its review.
/// </summary>
public sealed class FeedItem
{
    public const int Organic = -1;

    public Guid Id { get; init; }
    public FeedItemKind Kind { get; set; }
    public Guid? ShopId { get; set; }
    /// <summary>The content's author (merchant or creator); null for a product.</summary>
    public Guid? AuthorId { get; set; }
    /// <summary>The product itself, or the first product card of the content.</summary>
    public Guid? ProductId { get; set; }
    public Guid? CategoryId { get; set; }
    public required string Title { get; set; }
    /// <summary>The shop is in the brand program: eligible for the brand pool's slots.</summary>
    public bool IsBrand { get; set; }
    /// <summary>Published or listed, in an open shop: only these are served.</summary>
    public bool Eligible { get; set; }
    /// <summary>A live session on air: first in the following tab.</summary>
    public bool OnAir { get; set; }

    public int PoolLevel { get; set; }
    /// <summary>Impressions the current pool guarantees, and how many it has served.</summary>
    public int PoolBudget { get; set; }
    public int PoolServed { get; set; }
    public DateTimeOffset PoolEnteredAt { get; set; }
    /// <summary>Its pool's budget is served: the review decides its next pool. Set by the impression writer.</summary>
    public bool ReviewDue { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long Watches { get; set; }
    public long Completions { get; set; }
    public long Likes { get; set; }
    public long Shares { get; set; }
    public long Orders { get; set; }
    /// <summary>GMV of paid orders it brought, in fen.</summary>
    public long Gmv { get; set; }

    public long TierClicks { get; set; }
    public long TierWatches { get; set; }
    public long TierCompletions { get; set; }
    public long TierLikes { get; set; }
    public long TierShares { get; set; }
    public long TierOrders { get; set; }
    public long TierGmv { get; set; }

    /// <summary>The item's predicted value per impression (see Ranking), kept current by the writers that bump its counters.</summary>
    public double Score { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
