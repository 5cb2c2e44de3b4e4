namespace Sprig.Accounts;

public sealed class User
{
    public Guid Id { get; init; }
    /// <summary>Lower-cased; unique.</summary>
    public required string Email { get; init; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public Role Roles { get; set; } = Role.Buyer;
    public DateTimeOffset CreatedAt { get; init; }
}
