using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sprig.Accounts;
using Sprig.Platform;

namespace Sprig.Server.Auth;

/// <summary>
/// Issues bearer tokens (JWT, HMAC-SHA256). The signing key lives in the database, so every node behind a
/// load balancer accepts every other node's tokens. Token lifetimes run on the wall clock, not the business
/// clock: moving the manual clock ten days ahead for a demo must not sign everyone out.
/// </summary>
public sealed class Tokens(PlatformSettings settings)
{
    public const string Issuer = "sprig";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private SymmetricSecurityKey? _key;

    public async Task<SymmetricSecurityKey> KeyAsync(CancellationToken ct = default) =>
        _key ??= new SymmetricSecurityKey(Convert.FromBase64String(await settings.GetSecretAsync(PlatformSettings.JwtSigningKey, ct)));

    /// <summary>Loaded at start-up so token validation never waits on the database.</summary>
    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is loaded at start-up.");

    public async Task<(string Token, int ExpiresIn)> IssueAsync(User user, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", user.Id.ToString()), new("email", user.Email) };
        claims.AddRange(Roles.Names(user.Roles).Select(r => new Claim("role", r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(await KeyAsync(ct), SecurityAlgorithms.HmacSha256),
        });
        return (token, (int)Lifetime.TotalSeconds);
    }
}
