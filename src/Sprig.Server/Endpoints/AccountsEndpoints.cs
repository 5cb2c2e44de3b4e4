using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;

namespace Sprig.Server.Endpoints;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record LoginResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public static class AccountsEndpoints
{
    public static void MapAccountsEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").RequireRateLimiting(AuthSetup.AuthRateLimit);
        auth.MapPost("/register", async (RegisterRequest req, Accounts.Accounts accounts, CancellationToken ct) =>
        {
            var user = await accounts.RegisterAsync(req.Email, req.Password, req.DisplayName, ct: ct);
            return TypedResults.Created($"/api/users/{user.Id}", UserDto.From(user));
        });

        auth.MapPost("/login", async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> (LoginRequest req, Accounts.Accounts accounts, Tokens tokens, CancellationToken ct) =>
        {
            var user = await accounts.CheckPasswordAsync(req.Email, req.Password, ct)
                ?? throw new SprigException(401, "invalid_credentials", "Email or password is wrong.");
            var (token, expiresIn) = await tokens.IssueAsync(user, ct);
            return TypedResults.Ok(new LoginResponse(token, expiresIn));
        });

        api.MapGet("/me", async (HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var id = http.User.Id();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw SprigException.NotFound("User");
            return TypedResults.Ok(UserDto.From(user));
        }).RequireAuthorization().WithTags("Accounts");

        // anyone may become a creator (达人) and promote products; merchants get their role by opening a shop
        api.MapPost("/me/creator", async (HttpContext http, Accounts.Accounts accounts, SprigDb db, CancellationToken ct) =>
        {
            var id = http.User.Id();
            await accounts.GrantAsync(id, Sprig.Accounts.Role.Creator, ct);
            return TypedResults.Ok(UserDto.From(await db.Users.AsNoTracking().FirstAsync(u => u.Id == id, ct)));
        }).RequireAuthorization().WithTags("Accounts");
    }
}
