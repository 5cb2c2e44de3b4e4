using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>
/// Campaigns (618, Double 11) with their subsidy budgets as drawn: a new one with its subsidy share and budget, a
/// rename, a later end or a budget top-up, pause, resume, end; and the entries waiting for approval (CampaignDesk,
/// as /api/ops/campaigns).
/// </summary>
public sealed class CampaignsModel(SprigDb db, CampaignDesk desk, TimeProvider clock) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Campaign> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, SubsidyBudget> Budgets { get; private set; } = [];
    public List<CampaignEntry> Pending { get; private set; } = [];
    public Dictionary<Guid, string> SkuNames { get; private set; } = [];
    public Dictionary<Guid, string> CampaignNames { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public CampaignForm New { get; private set; } = new();
    public Guid? Failed { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostCreateAsync(CampaignForm form, CancellationToken ct)
    {
        New = form;
        return RunAsync(() => desk.CreateAsync(new NewCampaign(form.Name, ParseTime(form.StartsAt, "startsAt"), ParseTime(form.EndsAt, "endsAt"),
            ParsePercent(form.Subsidy, "subsidyBps"), ParseYuan(form.Budget, "budget")), ct), Say("o.camp.created"));
    }

    public Task<IActionResult> OnPostChangeAsync(Guid id, string? name, string? endsAt, string? budgetTopUp, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.ChangeAsync(id, new CampaignChange(string.IsNullOrWhiteSpace(name) ? null : name, ParseTime(endsAt, "endsAt"),
            ParseYuan(budgetTopUp, "budgetTopUp")), ct), Say("saved"));
    }

    public Task<IActionResult> OnPostMoveAsync(Guid id, string? action, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.MoveAsync(id, PromotionMoves.To(action), ct), Say("saved"));
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => RunAsync(() => desk.ApproveAsync(id, ct), Say("saved"));
    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) => RunAsync(() => desk.RejectAsync(id, reason, ct), Say("saved"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Now = clock.GetUtcNow();
        var page = await db.Campaigns.AsNoTracking().PageAsync(c => c.Id, 20, Cursor, c => c, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        var budgetIds = Items.Select(c => c.BudgetId).ToArray();
        Budgets = await db.SubsidyBudgets.AsNoTracking().Where(b => budgetIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        Pending = await db.CampaignEntries.AsNoTracking().Where(e => e.Status == EntryStatus.Pending).OrderBy(e => e.Id).Take(50).ToListAsync(ct);
        SkuNames = await Shared.SkuNames.OfAsync(db, Pending.Select(e => e.SkuId), ct);
        var named = Pending.Select(e => e.CampaignId).Distinct().ToArray();
        CampaignNames = await db.Campaigns.AsNoTracking().Where(c => named.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        // a new campaign starts now and runs two weeks unless the operator says otherwise
        New.StartsAt ??= Fmt.TimeInput(Now);
        New.EndsAt ??= Fmt.TimeInput(Now.AddDays(14));
    }
}
