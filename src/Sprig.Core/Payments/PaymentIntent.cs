using Sprig.Kernel;

namespace Sprig.Payments;

public enum PaymentStatus { Pending, Succeeded, Failed, Refunded }

/// <summary>One attempt to collect an order's amount through a gateway.</summary>
public sealed class PaymentIntent
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid BuyerId { get; init; }
    public long Amount { get; init; }
    public required string Gateway { get; init; }
    public PaymentStatus Status { get; private set; } = PaymentStatus.Pending;
    /// <summary>The gateway's transaction id: unique, so one gateway payment can pay only one intent.</summary>
    public string? GatewayTransactionId { get; private set; }
    /// <summary>Why a succeeded payment was handed back (the order could no longer be paid).</summary>
    public string? RefundReason { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public int Version { get; set; }

    public void Succeed(string gatewayTransactionId, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending) throw SprigException.InvalidState($"The payment is already {Status}.");
        Status = PaymentStatus.Succeeded;
        GatewayTransactionId = gatewayTransactionId;
        CompletedAt = now;
    }

    public void Fail(string gatewayTransactionId, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending) throw SprigException.InvalidState($"The payment is already {Status}.");
        Status = PaymentStatus.Failed;
        GatewayTransactionId = gatewayTransactionId;
        CompletedAt = now;
    }

    public void MarkRefunded(string reason)
    {
        if (Status != PaymentStatus.Succeeded) throw SprigException.InvalidState($"A {Status} payment cannot be refunded.");
        Status = PaymentStatus.Refunded;
        RefundReason = reason;
    }
}
