using System.Security.Claims;
using Sprig.Accounts;

namespace Sprig.Server.Http;

public static class Caller
{
    /// <summary>The signed-in user's id (the token's <c>sub</c>).</summary>
    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : throw new InvalidOperationException("No signed-in user.");

    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(Roles.Operator);
}
