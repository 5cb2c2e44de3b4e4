using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// The shop's affiliate plans (优选联盟): a new plan on a listed product (open, targeted at named creators, or
/// exclusive to one), a rate changed (a cut reaches promoting creators after 30 days), a plan ended. AffiliateDesk
/// holds the rules (a targeted plan needs an open one, an exclusive one excludes both).
/// </summary>
public sealed class AffiliatesModel(SprigDb db, AffiliateDesk desk) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<AffiliatePlan> Plans { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, string> Titles { get; private set; } = [];
    public Dictionary<Guid, int> Promoting { get; private set; } = [];
    public Dictionary<Guid, string> CreatorNames { get; private set; } = [];
    public List<ProductChoice> Products { get; private set; } = [];
    /// <summary>Creators who already promote the shop's goods: the ones a targeted plan most often names.</summary>
    public List<(Guid Id, string Name)> KnownCreators { get; private set; } = [];
    public Guid? Failed { get; private set; }
    public Guid? ProductId { get; private set; }
    public string? Kind { get; private set; }
    public string? Rate { get; private set; }
    public string? CreatorIds { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostCreateAsync(Guid? productId, string? kind, string? rate, string? creatorIds, CancellationToken ct)
    {
        (ProductId, Kind, Rate, CreatorIds) = (productId, kind, rate, creatorIds);
        return RunAsync(() => desk.CreateAsync(Shop, new NewPlan(productId, kind, ParsePercent(rate, "rateBps"), ParseIds(creatorIds, "creatorIds")), ct),
            Say("m.aff.created"));
    }

    public Task<IActionResult> OnPostRateAsync(Guid id, string? rate, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.ChangeRateAsync(Shop, id, ParsePercent(rate, "rateBps"), ct), Say("saved"));
    }

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.EndAsync(Shop, id, ct), Say("m.aff.ended"));
    }

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var page = await db.AffiliatePlans.AsNoTracking().Where(p => p.ShopId == Shop.Id).PageAsync(p => p.Id, 20, Cursor, p => p, ct);
        (Plans, NextCursor) = (page.Items, page.NextCursor);
        var ids = Plans.Select(p => p.ProductId).ToArray();
        Titles = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var planIds = Plans.Select(p => p.Id).ToArray();
        Promoting = await db.CreatorPromotions.AsNoTracking().Where(p => planIds.Contains(p.PlanId)).GroupBy(p => p.PlanId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Products = await ProductChoice.ListedAsync(db, Shop.Id, ct);

        var shopId = Shop.Id;
        var known = await db.CreatorPromotions.AsNoTracking()
            .Join(db.AffiliatePlans.AsNoTracking().Where(p => p.ShopId == shopId), c => c.PlanId, p => p.Id, (c, _) => c.CreatorId)
            .Distinct().Take(50).ToListAsync(ct);
        var named = Plans.Where(p => p.CreatorIds is not null).SelectMany(p => p.CreatorIds!.Split(',')).Select(Guid.Parse);
        var people = known.Concat(named).Distinct().ToArray();
        CreatorNames = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        KnownCreators = known.Where(CreatorNames.ContainsKey).Select(id => (id, CreatorNames[id])).ToList();
    }
}
