using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer.Account;

/// <summary>Registration through the Accounts module (its rules and messages, as POST /api/auth/register), then signed in.</summary>
[EnableRateLimiting(AuthSetup.AuthRateLimit)]
public sealed class SignUpModel(Accounts.Accounts accounts) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Back { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? DisplayName { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var user = await accounts.RegisterAsync(Email, Password, DisplayName, ct: ct);
            await WebAuth.SignInAsync(HttpContext, user);
            return LocalRedirect(SignInModel.SafeBack(Back));
        }
        catch (SprigException e)
        {
            await FailAsync(e);
            return Page();
        }
    }
}
