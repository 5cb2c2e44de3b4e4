using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Data;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>"Me": the account, and the doors to orders, coupons, after-sales and the consoles the account may open.</summary>
public sealed class ProfileModel(SprigDb db) : WebPage
{
    public User? Account { get; private set; }
    public bool OwnsShop { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!SignedIn) return;
        var me = Me;
        Account = await db.Users.AsNoTracking().FirstAsync(u => u.Id == me, ct);
        OwnsShop = await db.Shops.AnyAsync(s => s.OwnerId == me, ct);
    }
}
