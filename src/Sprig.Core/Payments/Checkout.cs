using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Payments;

public enum CallbackOutcome { Paid, Duplicate, RefundedOrderNotPayable, Failed }

/// <summary>
/// Paying an order: a payment intent, the gateway charge, and the signed callback that marks the order paid.
/// The callback is the only thing that pays an order: the sandbox round trip of the pay route and a gateway's
/// HTTP callback pass the same signature check and the same <see cref="PaymentCapture"/>.
/// </summary>
public sealed class Checkout(SprigDb db, PaymentCapture capture, SandboxGateway sandbox, OrderDesk orders, TimeProvider clock)
{
    public async Task<Order> PayAsync(Guid orderId, Guid buyerId, string? gateway, CancellationToken ct = default)
    {
        new Validator().Require(gateway == SandboxGateway.Name, "gateway", "must be \"sandbox\"").ThrowIfInvalid();
        // one round trip: on a hot path this read is all paying asks of the database before the capture
        var order = await db.Orders.AsNoTracking().AsSingleQuery().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct)
            ?? throw SprigException.NotFound("Order");
        if (order.BuyerId != buyerId) throw SprigException.Forbidden("This order is not yours.");
        if (order.Status != OrderStatus.PendingPayment)
            throw SprigException.InvalidState($"The order is {order.Status} and cannot be paid.");
        if (clock.GetUtcNow() > order.PayBy)
        {
            await orders.CancelAsync(await orders.GetAsync(orderId, ct), CancelReason.PaymentTimeout, ct);
            throw new SprigException(409, "order_expired", "The payment window has closed; the order was cancelled.");
        }

        var intent = new PaymentIntent
        {
            Id = Ids.New(), OrderId = order.Id, BuyerId = buyerId, Amount = order.Paid, Gateway = SandboxGateway.Name,
            CreatedAt = clock.GetUtcNow(),
        };
        // the sandbox charges at once and calls back in the same breath; the intent is stored with the callback
        var callback = await sandbox.ChargeAsync(intent, ct);
        var captured = await capture.ApplyAsync(await VerifyAsync(callback, ct), callback.Body, intent, ct);
        if (captured.Outcome == CallbackOutcome.Paid)
        {
            // what the capture wrote, without reading the order back: it was unpaid, so it had no shipments
            order.MarkPaid(captured.At);
            return order;
        }
        return captured.Outcome switch
        {
            CallbackOutcome.RefundedOrderNotPayable => throw SprigException.InvalidState("The order was paid or closed meanwhile; this payment was refunded."),
            _ => throw new SprigException(402, "payment_failed", "The gateway declined the payment."),
        };
    }

    /// <summary>
    /// Acts on a gateway callback once. A bad signature changes nothing; a replay of a callback already acted on
    /// (same gateway transaction id) changes nothing; a payment for an order that can no longer be paid is refunded.
    /// </summary>
    public async Task<CallbackOutcome> HandleCallbackAsync(SignedCallback callback, CancellationToken ct = default)
    {
        var notice = await VerifyAsync(callback, ct);
        return (await capture.ApplyAsync(notice, callback.Body, newIntent: null, ct)).Outcome;
    }

    private async Task<GatewayNotice> VerifyAsync(SignedCallback callback, CancellationToken ct)
    {
        if (!await sandbox.VerifyAsync(callback, ct))
            throw new SprigException(401, "invalid_signature", "The callback's signature does not match its body.");
        return SandboxGateway.Parse(callback.Body)
            ?? throw new SprigException(400, "malformed_callback", "The callback body is not a gateway notice.");
    }
}
