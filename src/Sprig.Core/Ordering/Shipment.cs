namespace Sprig.Ordering;

/// <summary>A parcel: one or more lines of an order sent with one tracking number.</summary>
public sealed class Shipment
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public required string Carrier { get; init; }
    public required string TrackingNumber { get; init; }
    public DateTimeOffset ShippedAt { get; init; }
}
