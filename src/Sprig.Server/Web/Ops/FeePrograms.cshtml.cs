using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>Incentive (fee) programs as data: rate and dates changed, new ones created (FeeProgramDesk, as /api/ops/fee-programs).</summary>
public sealed class FeeProgramsModel(SprigDb db, FeeProgramDesk desk, TimeProvider clock) : WebPage
{
    public List<FeeProgram> Items { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public Guid? Failed { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostChangeAsync(Guid id, int? rateBps, string? startsAt, string? endsAt, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.ChangeAsync(id, new FeeProgramChange(null, null, rateBps, Fmt.ParseTime(startsAt), Fmt.ParseTime(endsAt), null, null, null, null, null), ct),
            Say("o.fees.saved"));
    }

    public Task<IActionResult> OnPostCreateAsync(string? kind, string? name, int? rateBps, CancellationToken ct) =>
        RunAsync(() => desk.CreateAsync(new FeeProgramChange(kind, name, rateBps, null, null, null, null, null, null, null), ct), Say("o.fees.saved"));

    protected override async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Items = await db.FeePrograms.AsNoTracking().OrderBy(p => p.Id).ToListAsync(HttpContext.RequestAborted);
    }
}
