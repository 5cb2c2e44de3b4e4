using Sprig.Data;
using Sprig.Finance;

namespace Sprig.Server.Web.Merchant;

/// <summary>Today's numbers and the to-dos: orders to ship, after-sales waiting, content held by moderation.</summary>
public sealed class IndexModel(ShopDashboard dashboard, SprigDb db) : MerchantPage
{
    public ShopFigures? Figures { get; private set; }
    public long Available { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Figures = await dashboard.ForAsync(Shop.Id, ct);
        Available = await Ledger.OwedAsync(db, LedgerAccount.MerchantAvailable, Shop.Id, ct);
    }
}
