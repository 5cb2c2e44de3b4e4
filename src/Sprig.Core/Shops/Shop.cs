using Sprig.Kernel;
using Sprig.Ordering;

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

    // settings the merchant edits (ShopDesk.ChangeSettingsAsync checks them)
    /// <summary>The shop's introduction (店铺简介) on its page.</summary>
    public string? Description { get; set; }
    public string? LogoUrl { get; set; }
    /// <summary>Customer service (客服电话), shown to buyers.</summary>
    public string? ServicePhone { get; set; }
    /// <summary>The shipping promise a new product gets when it names none: 24, 48 or 72 hours.</summary>
    public int DefaultShippingHours { get; set; } = 48;
    // the return address in four columns rather than an optional complex type: bulk inserts (the feed seeder's
    // shops) read complex properties through their owner, which a null address would break
    public string? ReturnToName { get; set; }
    public string? ReturnToPhone { get; set; }
    public string? ReturnToRegion { get; set; }
    public string? ReturnToLine { get; set; }

    /// <summary>Where buyers send returns; null until the merchant sets it.</summary>
    public Address? ReturnAddress => ReturnToName is null ? null : new Address(ReturnToName, ReturnToPhone ?? "", ReturnToRegion ?? "", ReturnToLine ?? "");

    public void SetReturnAddress(Address a) => (ReturnToName, ReturnToPhone, ReturnToRegion, ReturnToLine) = (a.Name, a.Phone, a.Region, a.Line);

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
