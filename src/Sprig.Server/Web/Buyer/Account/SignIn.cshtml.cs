using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer.Account;

/// <summary>Sign-in with the same account check as POST /api/auth/login, and the same per-address rate limit.</summary>
[EnableRateLimiting(AuthSetup.AuthRateLimit)]
public sealed class SignInModel(Accounts.Accounts accounts) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Back { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await accounts.CheckPasswordAsync(Email, Password, ct);
        if (user is null)
        {
            await FailAsync(new SprigException(401, "invalid_credentials", "Email or password is wrong."));
            return Page();
        }
        await WebAuth.SignInAsync(HttpContext, user);
        return LocalRedirect(SafeBack(Back));
    }

    public static string SafeBack(string? back) => back is { Length: > 0 } b && b.StartsWith('/') && !b.StartsWith("//", StringComparison.Ordinal) ? b : "/";
}
