using Sprig.Kernel;

namespace Sprig.Ordering;

public enum AfterSaleType { Refund, ReturnRefund, Exchange }

public enum AfterSaleStatus
{
    MerchantProcessing,
    WaitingBuyerReturn,
    WaitingMerchantReceipt,
    Refunding,
    Refunded,
    Exchanged,
    Rejected,
    Arbitrating,
    Closed,
    CancelledByBuyer,
}

/// <summary>
/// A buyer's after-sale request on one order line (售后): refund only, return and refund, or exchange.
/// Every move is a named transition that checks where the request stands; <see cref="DueAt"/> is when the
/// timer acts if nobody does (auto-approve, close, auto-refund).
/// </summary>
public sealed class AfterSale
{
    public const int MaxPerLine = 5;

    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid LineId { get; init; }
    public Guid ShopId { get; init; }
    public Guid BuyerId { get; init; }
    public AfterSaleType Type { get; init; }
    public AfterSaleStatus Status { get; private set; } = AfterSaleStatus.MerchantProcessing;
    /// <summary>The refund asked for, freight included when it may be refunded.</summary>
    public long Amount { get; private set; }
    /// <summary>The part of <see cref="Amount"/> that is freight (refunded only when nothing has shipped).</summary>
    public long Freight { get; init; }
    public required string Reason { get; init; }
    public string? MerchantNote { get; private set; }
    public string? ReturnCarrier { get; private set; }
    public string? ReturnTrackingNumber { get; private set; }
    // where the goods go back: the shop's return address when the return was approved, kept as the buyer was told it
    public string? ReturnToName { get; private set; }
    public string? ReturnToPhone { get; private set; }
    public string? ReturnToRegion { get; private set; }
    public string? ReturnToLine { get; private set; }
    public string? ArbitrationNote { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; private set; }
    public DateTimeOffset? RejectedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>True when the refund came after the order had settled (a clawback).</summary>
    public bool AfterSettlement { get; private set; }
    public int Version { get; set; }

    public static readonly TimeSpan MerchantSilence = TimeSpan.FromHours(48);
    public static readonly TimeSpan BuyerReturnWindow = TimeSpan.FromDays(5);
    public static readonly TimeSpan MerchantReceiptWindow = TimeSpan.FromDays(8);
    public static readonly TimeSpan EscalationWindow = TimeSpan.FromDays(7);

    /// <summary>Where the buyer sends the goods back; null when the shop had set no return address.</summary>
    public Address? ReturnAddress => ReturnToName is null ? null : new Address(ReturnToName, ReturnToPhone ?? "", ReturnToRegion ?? "", ReturnToLine ?? "");

    public void SendReturnsTo(Address? address)
    {
        if (address is not null) (ReturnToName, ReturnToPhone, ReturnToRegion, ReturnToLine) = (address.Name, address.Phone, address.Region, address.Line);
    }

    public bool IsOpen => Status is AfterSaleStatus.MerchantProcessing or AfterSaleStatus.WaitingBuyerReturn
        or AfterSaleStatus.WaitingMerchantReceipt or AfterSaleStatus.Refunding or AfterSaleStatus.Arbitrating;

    public static AfterSale Open(Order order, OrderLine line, AfterSaleType type, long amount, long freight, string reason, DateTimeOffset now) => new()
    {
        Id = Ids.New(), OrderId = order.Id, LineId = line.Id, ShopId = order.ShopId, BuyerId = order.BuyerId, Type = type,
        Amount = amount, Freight = freight, Reason = reason, CreatedAt = now, DueAt = now + MerchantSilence,
    };

    /// <summary>The merchant agrees (or stayed silent past the deadline): a refund is due now, or the goods must come back first.</summary>
    public void Approve(DateTimeOffset now, string? note = null)
    {
        Require(AfterSaleStatus.MerchantProcessing, "approved");
        MerchantNote = note;
        switch (Type)
        {
            case AfterSaleType.Refund:
                Status = AfterSaleStatus.Refunding;
                DueAt = null;
                break;
            case AfterSaleType.ReturnRefund:
                Status = AfterSaleStatus.WaitingBuyerReturn;
                DueAt = now + BuyerReturnWindow;
                break;
            default:
                Status = AfterSaleStatus.Exchanged;
                DueAt = null;
                ResolvedAt = now;
                break;
        }
    }

    public void Reject(string note, DateTimeOffset now)
    {
        Require(AfterSaleStatus.MerchantProcessing, "rejected");
        Status = AfterSaleStatus.Rejected;
        MerchantNote = note;
        RejectedAt = now;
        DueAt = null;
    }

    public void ShipReturn(string carrier, string trackingNumber, DateTimeOffset now)
    {
        Require(AfterSaleStatus.WaitingBuyerReturn, "shipped back");
        ReturnCarrier = carrier;
        ReturnTrackingNumber = trackingNumber;
        Status = AfterSaleStatus.WaitingMerchantReceipt;
        DueAt = now + MerchantReceiptWindow;
    }

    /// <summary>The merchant received the parcel (or did not confirm in time): the refund is due.</summary>
    public void ConfirmReturn()
    {
        Require(AfterSaleStatus.WaitingMerchantReceipt, "confirmed as received");
        Status = AfterSaleStatus.Refunding;
        DueAt = null;
    }

    /// <summary>A return-refund amount can only be lowered, and only while the merchant is deciding.</summary>
    public void LowerAmount(long amount)
    {
        Require(AfterSaleStatus.MerchantProcessing, "changed");
        if (amount <= 0 || amount >= Amount) throw SprigException.Validation("amount", "can only be lowered, and must stay above zero");
        Amount = amount;
    }

    public void Escalate(DateTimeOffset now)
    {
        Require(AfterSaleStatus.Rejected, "escalated");
        if (RejectedAt is { } r && now > r + EscalationWindow)
            throw SprigException.InvalidState("Escalation to the platform is possible within 7 days of the rejection.");
        Status = AfterSaleStatus.Arbitrating;
    }

    public void Arbitrate(bool refund, string note, DateTimeOffset now)
    {
        Require(AfterSaleStatus.Arbitrating, "arbitrated");
        ArbitrationNote = note;
        if (refund)
        {
            Status = AfterSaleStatus.Refunding;
        }
        else
        {
            Status = AfterSaleStatus.Closed;
            ResolvedAt = now;
        }
    }

    public void CancelByBuyer(DateTimeOffset now)
    {
        if (Status is not (AfterSaleStatus.MerchantProcessing or AfterSaleStatus.WaitingBuyerReturn or AfterSaleStatus.Rejected))
            throw SprigException.InvalidState($"An after-sale that is {Status} cannot be withdrawn.");
        Status = AfterSaleStatus.CancelledByBuyer;
        DueAt = null;
        ResolvedAt = now;
    }

    /// <summary>The buyer did not send the goods back in time.</summary>
    public void CloseUnreturned(DateTimeOffset now)
    {
        Require(AfterSaleStatus.WaitingBuyerReturn, "closed");
        Status = AfterSaleStatus.Closed;
        DueAt = null;
        ResolvedAt = now;
    }

    public void MarkRefunded(bool afterSettlement, DateTimeOffset now)
    {
        Require(AfterSaleStatus.Refunding, "refunded");
        Status = AfterSaleStatus.Refunded;
        AfterSettlement = afterSettlement;
        ResolvedAt = now;
    }

    private void Require(AfterSaleStatus expected, string verb)
    {
        if (Status != expected) throw SprigException.InvalidState($"An after-sale that is {Status} cannot be {verb}.");
    }
}
