namespace Sprig.Platform;

/// <summary>
/// A platform setting held in data (DOMAIN.md: every number is a configurable default, editable by an operator),
/// and generated secrets that every node must share.
/// </summary>
public sealed class Setting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
