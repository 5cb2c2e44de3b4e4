using Microsoft.AspNetCore.Mvc;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer.Account;

public sealed class SignOutModel : WebPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await WebAuth.SignOutAsync(HttpContext);
        return LocalRedirect("/");
    }
}
