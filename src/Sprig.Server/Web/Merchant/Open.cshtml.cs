using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Server.Web.Shared;
using Sprig.Shops;

namespace Sprig.Server.Web.Merchant;

/// <summary>Opening a shop (POST /api/shops): it waits for the operator's review; the caller becomes a merchant.</summary>
public sealed class OpenModel(ShopDesk shops, SprigDb db) : WebPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }

    public List<Shop> Mine { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var shop = await shops.OpenAsync(Me, Name, Kind, ct);
        // the merchant role is in the cookie's claims from now on
        await WebAuth.SignInAsync(HttpContext, await db.Users.AsNoTracking().FirstAsync(u => u.Id == shop.OwnerId, ct));
    }, Say("m.shop.opened"), "/merchant/open");

    protected override async Task LoadAsync()
    {
        var me = Me;
        Mine = await db.Shops.AsNoTracking().Where(s => s.OwnerId == me).OrderBy(s => s.Id).ToListAsync();
    }
}
