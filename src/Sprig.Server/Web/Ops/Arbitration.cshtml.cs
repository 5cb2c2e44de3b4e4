using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Ordering;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>After-sales a buyer escalated after the shop said no: the platform decides (AfterSaleDesk.ArbitrateAsync).</summary>
public sealed class ArbitrationModel(SprigDb db, AfterSaleDesk desk) : WebPage
{
    public List<AfterSale> Items { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? note, CancellationToken ct) =>
        RunAsync(() => desk.ArbitrateAsync(id, decision, note, ct), Say("saved"));

    protected override async Task LoadAsync() =>
        Items = await db.AfterSales.AsNoTracking().Where(a => a.Status == AfterSaleStatus.Arbitrating).OrderBy(a => a.Id).Take(50).ToListAsync();
}
