using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// The platform's campaigns open for entries, and the shop's entries: a SKU enrolled at a campaign price (below its
/// own price and not above the 30-day price floor, which CampaignDesk checks and says), an entry withdrawn.
/// </summary>
public sealed class CampaignsModel(SprigDb db, CampaignDesk desk, TimeProvider clock) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public List<Campaign> Open { get; private set; } = [];
    public IReadOnlyList<CampaignEntry> Entries { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, string> CampaignNames { get; private set; } = [];
    public Dictionary<Guid, string> SkuNames { get; private set; } = [];
    public List<SkuChoice> Skus { get; private set; } = [];
    public Guid? CampaignId { get; private set; }
    public Guid? SkuId { get; private set; }
    public string? Price { get; private set; }

    public Task OnGetAsync(Guid? campaign)
    {
        CampaignId = campaign;
        return LoadAsync();
    }

    public Task<IActionResult> OnPostEnrolAsync(Guid? campaignId, Guid? skuId, string? price, CancellationToken ct)
    {
        (CampaignId, SkuId, Price) = (campaignId, skuId, price);
        return RunAsync(async () =>
        {
            if (campaignId is not { } id) throw Kernel.SprigException.Validation("campaignId", "is required");
            await desk.EnrolAsync(Shop, id, new NewCampaignEntry(skuId, ParseYuan(price, "price")), ct);
        }, Say("m.camp.enrolled"));
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.WithdrawAsync(Shop.Id, id, ct), Say("m.camp.withdrawn"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        Open = await db.Campaigns.AsNoTracking().Where(c => c.Status != PromotionStatus.Ended && c.EndsAt > now).OrderBy(c => c.StartsAt).Take(50).ToListAsync(ct);
        var page = await db.CampaignEntries.AsNoTracking().Where(e => e.ShopId == Shop.Id).PageAsync(e => e.Id, 20, Cursor, e => e, ct);
        (Entries, NextCursor) = (page.Items, page.NextCursor);
        var campaignIds = Entries.Select(e => e.CampaignId).Distinct().ToArray();
        CampaignNames = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        SkuNames = await Shared.SkuNames.OfAsync(db, Entries.Select(e => e.SkuId), ct);
        Skus = await SkuChoice.ListedAsync(db, Shop.Id, ct);
    }
}
