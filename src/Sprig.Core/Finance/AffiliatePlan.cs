using Sprig.Kernel;

namespace Sprig.Finance;

public enum AffiliatePlanKind { Open, Targeted, Exclusive }

/// <summary>
/// A merchant's offer to creators to sell one product for a commission (优选联盟): open to any creator,
/// targeted at named creators (needs an open plan first), or exclusive to one creator (excludes the other two).
/// A rate cut reaches creators already promoting the product only 30 days later; a raise applies at once.
/// </summary>
public sealed class AffiliatePlan
{
    public const int MaxRateBps = 9_000;
    public static readonly TimeSpan CutProtection = TimeSpan.FromDays(30);

    public Guid Id { get; init; }
    public Guid ShopId { get; init; }
    public Guid ProductId { get; init; }
    public AffiliatePlanKind Kind { get; init; }
    /// <summary>The rate for creators who join now.</summary>
    public int RateBps { get; private set; }
    /// <summary>The rate before the last cut, still owed for 30 days to creators who joined before it.</summary>
    public int? ProtectedRateBps { get; private set; }
    public DateTimeOffset? RateCutAt { get; private set; }
    /// <summary>Targeted and exclusive plans: the creators it is for (comma-separated ids).</summary>
    public string? CreatorIds { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; private set; }
    public int Version { get; set; }

    public bool IsActive => EndedAt is null;

    public static AffiliatePlan Create(Guid shopId, Guid productId, AffiliatePlanKind kind, int rateBps, IReadOnlyCollection<Guid> creators, DateTimeOffset now)
    {
        CheckRate(rateBps);
        if (kind != AffiliatePlanKind.Open && creators.Count == 0) throw SprigException.Validation("creatorIds", "name the creators of a targeted or exclusive plan");
        if (kind == AffiliatePlanKind.Exclusive && creators.Count != 1) throw SprigException.Validation("creatorIds", "an exclusive plan is for exactly one creator");
        return new AffiliatePlan
        {
            Id = Ids.New(), ShopId = shopId, ProductId = productId, Kind = kind, RateBps = rateBps, CreatedAt = now,
            CreatorIds = kind == AffiliatePlanKind.Open ? null : string.Join(',', creators.Distinct()),
        };
    }

    public bool IsFor(Guid creatorId) => Kind == AffiliatePlanKind.Open || (CreatorIds?.Split(',').Contains(creatorId.ToString()) ?? false);

    public void ChangeRate(int rateBps, DateTimeOffset now)
    {
        CheckRate(rateBps);
        if (!IsActive) throw SprigException.InvalidState("The plan has ended.");
        if (rateBps < RateBps)
        {
            // a cut during an earlier cut's protection keeps the older, higher promise
            if (!(RateCutAt is { } c && now < c + CutProtection)) ProtectedRateBps = RateBps;
            RateCutAt = now;
        }
        else if (ProtectedRateBps is { } p && rateBps >= p)
        {
            ProtectedRateBps = null;
            RateCutAt = null;
        }
        RateBps = rateBps;
    }

    /// <summary>The rate a creator who joined at <paramref name="joinedAt"/> earns on an order placed at <paramref name="at"/>.</summary>
    public int RateFor(DateTimeOffset joinedAt, DateTimeOffset at) =>
        ProtectedRateBps is { } p && RateCutAt is { } cut && joinedAt < cut && at < cut + CutProtection ? Math.Max(p, RateBps) : RateBps;

    public void End(DateTimeOffset now)
    {
        if (!IsActive) throw SprigException.InvalidState("The plan has already ended.");
        EndedAt = now;
    }

    private static void CheckRate(int rateBps)
    {
        if (rateBps is < 0 or > MaxRateBps) throw SprigException.Validation("rateBps", "must be between 0 and 9000 (0–90% of the line's paid amount)");
    }
}

/// <summary>A creator promoting a product under a plan, with the agency (MCN) that takes a share of the commission, if any.</summary>
public sealed class CreatorPromotion
{
    public const int MaxAgencyRateBps = 9_000;

    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public Guid ProductId { get; init; }
    public Guid CreatorId { get; init; }
    public Guid? AgencyId { get; init; }
    /// <summary>The agency's share of the commission, 0–90%.</summary>
    public int AgencyRateBps { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
}

public enum CommissionStatus { Unsettled, Settled, Cancelled }

/// <summary>
/// A commission order (佣金订单): one order line a creator brought, with the rate snapshotted when the order was
/// placed. Unsettled → settled (when the order settles, on what was paid less refunds) | cancelled.
/// </summary>
public sealed class CommissionOrder
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid LineId { get; init; }
    public Guid ShopId { get; init; }
    public Guid CreatorId { get; init; }
    public Guid? AgencyId { get; init; }
    public Guid PlanId { get; init; }
    public int RateBps { get; init; }
    public int AgencyRateBps { get; init; }
    public CommissionStatus Status { get; set; }
    /// <summary>Set at settlement: the commission, and the agency's part of it.</summary>
    public long Commission { get; set; }
    public long AgencyShare { get; set; }
    /// <summary>Handed back from the creator (and agency) after refunds that came after settlement.</summary>
    public long Returned { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SettledAt { get; set; }
}
