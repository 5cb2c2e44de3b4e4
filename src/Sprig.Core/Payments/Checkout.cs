using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Payments;

public enum CallbackOutcome { Paid, Duplicate, RefundedOrderNotPayable, Failed }

/// <summary>
/// Paying an order: a payment intent, the gateway charge, and the signed callback that marks the order paid.
/// The callback is the only thing that pays an order, so the in-process demo route and a real gateway's
/// HTTP callback go through the same checks.
/// </summary>
public sealed class Checkout(SprigDb db, SandboxGateway sandbox, OrderDesk orders, TimeProvider clock)
{
    public async Task<Order> PayAsync(Guid orderId, Guid buyerId, string? gateway, CancellationToken ct = default)
    {
        new Validator().Require(gateway == SandboxGateway.Name, "gateway", "must be \"sandbox\"").ThrowIfInvalid();
        var order = await orders.GetBuyersAsync(orderId, buyerId, ct);
        if (order.Status != OrderStatus.PendingPayment)
            throw SprigException.InvalidState($"The order is {order.Status} and cannot be paid.");
        if (clock.GetUtcNow() > order.PayBy)
        {
            await orders.CancelAsync(order, CancelReason.PaymentTimeout, ct);
            throw new SprigException(409, "order_expired", "The payment window has closed; the order was cancelled.");
        }

        var intent = new PaymentIntent
        {
            Id = Ids.New(), OrderId = order.Id, BuyerId = buyerId, Amount = order.Paid, Gateway = SandboxGateway.Name,
            CreatedAt = clock.GetUtcNow(),
        };
        db.PaymentIntents.Add(intent);
        await db.SaveChangesAsync(ct);

        var callback = await sandbox.ChargeAsync(intent, ct);
        db.ChangeTracker.Clear();
        var outcome = await HandleCallbackAsync(callback, ct);
        if (outcome == CallbackOutcome.RefundedOrderNotPayable)
            throw SprigException.InvalidState("The order could no longer be paid; the payment was refunded.");
        return await orders.GetAsync(orderId, ct);
    }

    /// <summary>
    /// Acts on a gateway callback once. A bad signature changes nothing; a replay of a callback already acted on
    /// (same gateway transaction id) changes nothing; a payment for an order that can no longer be paid is refunded.
    /// </summary>
    public async Task<CallbackOutcome> HandleCallbackAsync(SignedCallback callback, CancellationToken ct = default)
    {
        if (!await sandbox.VerifyAsync(callback, ct))
            throw new SprigException(401, "invalid_signature", "The callback's signature does not match its body.");
        var notice = SandboxGateway.Parse(callback.Body)
            ?? throw new SprigException(400, "malformed_callback", "The callback body is not a gateway notice.");

        // a lost race with a concurrent payment of the same order is retried: the retry sees the order paid and refunds
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await ApplyAsync(notice, callback.Body, ct);
            if (outcome is not null) return outcome.Value;
            if (attempt == 3)
                throw new SprigException(409, "concurrent_update", "The order changed while the payment was processed; the gateway should retry.");
        }
    }

    /// <summary>Applies a verified notice in one transaction; null when a concurrent writer won and it should be tried again.</summary>
    private async Task<CallbackOutcome?> ApplyAsync(GatewayNotice notice, string body, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // checked inside the transaction: on SQLite it holds the write lock, on PostgreSQL a racing twin fails at commit
        if (await IsDuplicateAsync(notice, ct)) return CallbackOutcome.Duplicate;
        var intent = await db.PaymentIntents.FirstOrDefaultAsync(i => i.Id == notice.IntentId, ct)
            ?? throw SprigException.NotFound("Payment");
        if (intent.Status != PaymentStatus.Pending && intent.GatewayTransactionId == notice.TransactionId)
            return CallbackOutcome.Duplicate; // its twin committed between our duplicate check and this read
        if (intent.Status != PaymentStatus.Pending)
            throw SprigException.InvalidState($"The payment is already {intent.Status} by another gateway transaction.");
        if (notice.Amount != intent.Amount || notice.Currency != Money.Currency)
            throw new SprigException(400, "amount_mismatch", "The callback's amount does not match the payment.");

        db.PaymentCallbacks.Add(new PaymentCallback
        {
            Gateway = notice.Gateway, GatewayTransactionId = notice.TransactionId, IntentId = intent.Id,
            Body = body, ReceivedAt = clock.GetUtcNow(),
        });

        var now = clock.GetUtcNow();
        CallbackOutcome outcome;
        if (notice.Status != "succeeded")
        {
            intent.Fail(notice.TransactionId, now);
            outcome = CallbackOutcome.Failed;
        }
        else
        {
            intent.Succeed(notice.TransactionId, now);
            var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == intent.OrderId, ct);
            if (order.Status == OrderStatus.PendingPayment)
            {
                order.MarkPaid(now);
                outcome = CallbackOutcome.Paid;
            }
            else
            {
                // paid twice, or paid after the order was cancelled: hand the money back at once
                intent.MarkRefunded($"order was {order.Status} when the payment arrived");
                outcome = CallbackOutcome.RefundedOrderNotPayable;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // a concurrent delivery of the same callback, or a concurrent payment of the same order, got there first
            await tx.RollbackAsync(ct);
            return null;
        }
        return outcome;
    }

    private Task<bool> IsDuplicateAsync(GatewayNotice notice, CancellationToken ct) =>
        db.PaymentCallbacks.AnyAsync(c => c.Gateway == notice.Gateway && c.GatewayTransactionId == notice.TransactionId, ct);
}
