using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>Campaigns with their subsidy budgets as drawn, the entries waiting for approval (CampaignDesk), and the platform's coupons.</summary>
public sealed class CampaignsModel(SprigDb db, CampaignDesk desk) : WebPage
{
    public List<(Campaign Campaign, SubsidyBudget Budget)> Items { get; private set; } = [];
    public List<CampaignEntry> Pending { get; private set; } = [];
    public List<Coupon> Coupons { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.ApproveAsync(id, ct), Say("o.fees.saved"));
    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) => RunAsync(() => desk.RejectAsync(id, reason, ct), Say("o.fees.saved"));

    protected override async Task LoadAsync()
    {
        var rows = await db.Campaigns.AsNoTracking().Join(db.SubsidyBudgets.AsNoTracking(), c => c.BudgetId, b => b.Id, (c, b) => new { c, b })
            .OrderByDescending(x => x.c.Id).Take(50).ToListAsync();
        Items = rows.Select(x => (x.c, x.b)).ToList();
        Pending = await db.CampaignEntries.AsNoTracking().Where(e => e.Status == EntryStatus.Pending).OrderBy(e => e.Id).Take(50).ToListAsync();
        Coupons = await db.Coupons.AsNoTracking().Where(c => c.ShopId == null).OrderByDescending(c => c.Id).Take(50).ToListAsync();
    }
}
