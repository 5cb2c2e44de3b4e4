using Sprig.Ordering;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>An order's steps as the buyer follows them: placed, paid, shipped, received, settled, or where it stopped.</summary>
public static class OrderTimeline
{
    public sealed record Step(string Label, DateTimeOffset? At, string State, string? Note = null);

    public static List<Step> Of(Order o, Lang l)
    {
        var steps = new List<Step> { new(l["timeline.placed"], o.CreatedAt, "done") };
        if (o.Status == OrderStatus.PendingPayment)
        {
            steps.Add(new(l["timeline.payBy"], o.PayBy, "next"));
            return steps;
        }
        if (o.PaidAt is null)
        {
            steps.Add(new(l.Of(o.Status), o.CancelledAt, "bad", o.CancelReason is { } r ? l.Of(r) : null));
            return steps;
        }
        steps.Add(new(l["timeline.paid"], o.PaidAt, "done"));
        if (o.Status is OrderStatus.CancelledAfterFullRefund or OrderStatus.CancelledOversold)
        {
            steps.Add(new(l.Of(o.Status), o.CancelledAt, "bad"));
            return steps;
        }
        var shipped = o.Shipments.OrderBy(s => s.ShippedAt).ToList();
        foreach (var s in shipped) steps.Add(new(l["timeline.shipped"], s.ShippedAt, "done", $"{s.Carrier} {s.TrackingNumber}"));
        if (shipped.Count == 0) steps.Add(new(l["timeline.shipped"], null, "next"));
        steps.Add(o.ReceivedAt is { } received
            ? new(l["timeline.received"], received, "done", o.ReceiptAutoConfirmed ? l["timeline.auto"] : null)
            : new(l["timeline.received"], null, "next"));
        steps.Add(o.SettledAt is { } settled ? new(l["timeline.settled"], settled, "done") : new(l["timeline.settled"], null, "next"));
        return steps;
    }
}
