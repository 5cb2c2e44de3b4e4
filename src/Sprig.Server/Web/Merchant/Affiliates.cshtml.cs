using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;

namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's affiliate plans (优选联盟) and their commission rates; a cut reaches promoting creators after 30 days (AffiliateDesk).</summary>
public sealed class AffiliatesModel(SprigDb db, AffiliateDesk desk) : MerchantPage
{
    public List<AffiliatePlan> Plans { get; private set; } = [];
    public Dictionary<Guid, string> Titles { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostRateAsync(Guid id, int? rateBps, CancellationToken ct) => RunAsync(() => desk.ChangeRateAsync(Shop, id, rateBps, ct), Say("o.fees.saved"));

    protected override async Task LoadAsync()
    {
        Plans = await db.AffiliatePlans.AsNoTracking().Where(p => p.ShopId == Shop.Id).OrderByDescending(p => p.Id).ToListAsync();
        var ids = Plans.Select(p => p.ProductId).ToArray();
        Titles = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title);
    }
}
