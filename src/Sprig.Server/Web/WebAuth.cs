using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Sprig.Accounts;

namespace Sprig.Server.Web;

/// <summary>
/// The UI's sign-in: the same Accounts service and password hasher as POST /api/auth/login, then a cookie whose
/// claims are named like the API token's (<c>sub</c>, <c>role</c>), so <c>User.Id()</c> and role checks read the same.
/// </summary>
public static class WebAuth
{
    public const string Scheme = "SprigWeb";

    public static async Task SignInAsync(HttpContext http, User user)
    {
        var claims = new List<Claim> { new("sub", user.Id.ToString()), new("email", user.Email), new("name", user.DisplayName) };
        claims.AddRange(Roles.Names(user.Roles).Select(r => new Claim("role", r)));
        var identity = new ClaimsIdentity(claims, Scheme, "name", "role");
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
