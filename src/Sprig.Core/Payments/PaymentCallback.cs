namespace Sprig.Payments;

/// <summary>A gateway callback we have acted on. Keyed by the gateway's transaction id: a replay finds it and does nothing.</summary>
public sealed class PaymentCallback
{
    public required string Gateway { get; init; }
    public required string GatewayTransactionId { get; init; }
    public Guid IntentId { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
