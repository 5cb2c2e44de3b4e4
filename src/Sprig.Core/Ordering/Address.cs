namespace Sprig.Ordering;

/// <summary>Where the parcel goes. Snapshotted on the order.</summary>
public sealed record Address(string Name, string Phone, string Region, string Line);
