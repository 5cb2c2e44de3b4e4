using Sprig.Distribution;
using Sprig.Ordering;

namespace Sprig.Analytics;

// The rollups the dispatcher keeps: sums by day (a platform day: UTC+8, see AnalyticsDay) and the dimensions each
// dashboard breaks down by. Every measure is a sum, so folding a batch of facts is one upsert of increments per row.

/// <summary>A shop's day, by scene and traffic source: orders, money and the funnel.</summary>
public sealed class ShopDaily
{
    public Guid ShopId { get; init; }
    public int Day { get; init; }
    public Scene Scene { get; init; }
    public TrafficSource Source { get; init; }
    public long Gmv { get; set; }
    public long Paid { get; set; }
    public long Orders { get; set; }
    public long Refunded { get; set; }
    public long Refunds { get; set; }
    public long Subsidy { get; set; }
    public long Fees { get; set; }
    public long OrdersPlaced { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long ProductViews { get; set; }
    public long AddToCarts { get; set; }
    public long Likes { get; set; }
    public long Shares { get; set; }
    public long Follows { get; set; }
    public long LiveJoins { get; set; }
}

/// <summary>A buyer who paid a shop on a day, through a traffic source: distinct buyers and personas over any range.</summary>
public sealed class ShopBuyerDaily
{
    public Guid ShopId { get; init; }
    public int Day { get; init; }
    public Guid BuyerId { get; init; }
    public TrafficSource Source { get; init; }
    public long Paid { get; set; }
}

/// <summary>An item's day (a product, video, post or live room): impressions, clicks and the orders it brought, for GPM.</summary>
public sealed class ItemDaily
{
    public Guid ItemId { get; init; }
    public int Day { get; init; }
    public Guid ShopId { get; init; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long Orders { get; set; }
    public long Gmv { get; set; }
}

/// <summary>A creator's sales for a shop on a day.</summary>
public sealed class CreatorDaily
{
    public Guid ShopId { get; init; }
    public Guid CreatorId { get; init; }
    public int Day { get; init; }
    public long Orders { get; set; }
    public long Gmv { get; set; }
}

/// <summary>The platform's day by scene and source.</summary>
public sealed class PlatformDaily
{
    public int Day { get; init; }
    public Scene Scene { get; init; }
    public TrafficSource Source { get; init; }
    public long Gmv { get; set; }
    public long Paid { get; set; }
    public long Orders { get; set; }
    public long Refunds { get; set; }
    public long Subsidy { get; set; }
    public long Fees { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
}

/// <summary>Fee revenue by the program that set the rate ("category" when none did).</summary>
public sealed class ProgramDaily
{
    public int Day { get; init; }
    public required string Program { get; init; }
    public long Fees { get; set; }
}

/// <summary>Subsidy by what drew it (a platform coupon or a campaign), with the GMV of the orders it went to.</summary>
public sealed class SubsidyDaily
{
    public int Day { get; init; }
    public Guid SourceId { get; init; }
    public long Subsidy { get; set; }
    public long Gmv { get; set; }
    public long Orders { get; set; }
}

/// <summary>A shop's month of sales, for retention by cohort; and its first sale, for cold-start success.</summary>
public sealed class ShopMonthly
{
    public Guid ShopId { get; init; }
    public int Month { get; init; }
    public long Gmv { get; set; }
    public long Orders { get; set; }
    public int FirstDay { get; set; }
}
