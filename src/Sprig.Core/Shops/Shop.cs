using Sprig.Kernel;

namespace Sprig.Shops;

public enum ShopKind { Individual, Enterprise, Brand }

public enum ShopStatus { PendingReview, Open, Suspended, Rejected, Closing, Closed }

/// <summary>A merchant's shop and its review lifecycle: pendingReview → open → suspended ↔ open → closing → closed.</summary>
public sealed class Shop
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public required string Name { get; set; }
    public ShopKind Kind { get; init; }
    public ShopStatus Status { get; private set; } = ShopStatus.PendingReview;
    public string? StatusReason { get; private set; }
    /// <summary>Shop score (店铺评分) in tenths: 48 means 4.8. Starts at 5.0.</summary>
    public int ScoreTenths { get; set; } = 50;
    public long DepositFen { get; set; }
    /// <summary>GMV (fee base) already charged at the new-shop program's rate, against its cap.</summary>
    public long NewShopGmvUsed { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public int Version { get; set; }

    public bool IsOpen => Status == ShopStatus.Open;

    public void Approve(DateTimeOffset now)
    {
        if (Status is not (ShopStatus.PendingReview or ShopStatus.Rejected))
            throw SprigException.InvalidState($"A shop that is {Status} cannot be approved.");
        Status = ShopStatus.Open;
        StatusReason = null;
        OpenedAt ??= now;
    }

    public void Reject(string reason)
    {
        if (Status != ShopStatus.PendingReview)
            throw SprigException.InvalidState($"A shop that is {Status} cannot be rejected.");
        Status = ShopStatus.Rejected;
        StatusReason = reason;
    }

    public void Suspend(string reason)
    {
        if (Status != ShopStatus.Open) throw SprigException.InvalidState($"A shop that is {Status} cannot be suspended.");
        Status = ShopStatus.Suspended;
        StatusReason = reason;
    }

    public void Reinstate()
    {
        if (Status != ShopStatus.Suspended) throw SprigException.InvalidState($"A shop that is {Status} cannot be reinstated.");
        Status = ShopStatus.Open;
        StatusReason = null;
    }

    public void RequireOpen()
    {
        if (!IsOpen) throw new SprigException(409, "shop_not_open", "The shop is not open.");
    }
}
