namespace Sprig.Platform;

/// <summary>The first response to a money-moving POST, kept so a retry with the same Idempotency-Key gets it again.</summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; init; }
    public required string Key { get; init; }
    public required string Route { get; init; }
    /// <summary>0 while the first request is still running.</summary>
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
