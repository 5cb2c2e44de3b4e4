namespace Sprig.Promotions;

public enum EntryStatus { Pending, Approved, Rejected, Withdrawn }

/// <summary>
/// A platform campaign (618, Double 11): a date range, a subsidy budget and the share of an enrolled SKU's
/// campaign price the platform pays (百亿补贴). Merchants enrol SKUs at a campaign price, the operator approves.
/// </summary>
public sealed class Campaign
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>The platform's share of the campaign price, in basis points (0–5000).</summary>
    public int SubsidyBps { get; init; }
    public Guid BudgetId { get; init; }
    public PromotionStatus Status { get; set; } = PromotionStatus.Active;
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public bool IsOn(DateTimeOffset now) => Status == PromotionStatus.Active && now >= StartsAt && now < EndsAt;
}

/// <summary>A SKU a shop enrolled in a campaign at a campaign price, which the price floor capped.</summary>
public sealed class CampaignEntry
{
    public Guid Id { get; init; }
    public Guid CampaignId { get; init; }
    public Guid ShopId { get; init; }
    public Guid SkuId { get; init; }
    public Guid ProductId { get; init; }
    public long Price { get; init; }
    /// <summary>The lowest unit price any buyer paid in the 30 days before enrolment (null: no sales).</summary>
    public long? Floor { get; init; }
    public EntryStatus Status { get; set; } = EntryStatus.Pending;
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }
}
