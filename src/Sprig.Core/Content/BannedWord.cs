namespace Sprig.Content;

/// <summary>A word or phrase the operator bans from titles, descriptions and comments; text containing one is held for review.</summary>
public sealed class BannedWord
{
    public required string Word { get; init; }
    public Guid AddedBy { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
