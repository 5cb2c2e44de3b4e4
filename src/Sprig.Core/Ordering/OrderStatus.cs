namespace Sprig.Ordering;

/// <summary>Order statuses with the numeric codes buyers and integrators know.</summary>
public enum OrderStatus
{
    PendingPayment = 10,
    PendingShipment = 20,
    PartiallyShipped = 21,
    Shipped = 30,
    Completed = 100,
    CancelledOversold = 190,
    CancelledAfterFullRefund = 200,
    Cancelled = 250,
}

/// <summary>Where an order came from.</summary>
public enum Scene { Other, Live, ShortVideo, Share, Showcase, Feed, Search, OfficialAccount, MiniProgram }

public enum CancelReason { Buyer, Merchant, PaymentTimeout }
