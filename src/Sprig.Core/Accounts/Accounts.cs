using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Accounts;

/// <summary>Registration, password checks and roles. Passwords are hashed with ASP.NET Core Identity's hasher.</summary>
public sealed class Accounts(SprigDb db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public const int MinPasswordLength = 8;

    public async Task<User> RegisterAsync(string? email, string? password, string? displayName, Role roles = Role.Buyer, CancellationToken ct = default)
    {
        var v = new Validator()
            .Text(email, "email", 254)
            .Text(password, "password", 128)
            .Text(displayName, "displayName", 64);
        if (!string.IsNullOrWhiteSpace(email))
            v.Require(IsEmail(email), "email", "is not an email address");
        if (!string.IsNullOrEmpty(password))
            v.Require(password.Length >= MinPasswordLength, "password", $"must be at least {MinPasswordLength} characters");
        v.ThrowIfInvalid();

        var normalized = Normalize(email!);
        if (await db.Users.AnyAsync(u => u.Email == normalized, ct))
            throw new SprigException(409, "email_taken", "An account with this email already exists.");

        var user = new User
        {
            Id = Ids.New(),
            Email = normalized,
            DisplayName = displayName!.Trim(),
            PasswordHash = "",
            Roles = roles | Role.Buyer,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // the unique index caught a concurrent registration of the same email
            throw new SprigException(409, "email_taken", "An account with this email already exists.");
        }
        return user;
    }

    public async Task<User?> CheckPasswordAsync(string? email, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return null;
        var normalized = Normalize(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null) return null;
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }
        return user;
    }

    public async Task GrantAsync(Guid userId, Role role, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw SprigException.NotFound("User");
        if (user.Roles.HasFlag(role)) return;
        user.Roles |= role;
        await db.SaveChangesAsync(ct);
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static bool IsEmail(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && at < s.Length - 1 && s.IndexOf('@', at + 1) < 0 && !s.Any(char.IsWhiteSpace);
    }
}
