using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Server.Demo;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>
/// The ledger's trial balance (always zero), settlement on demand, and the manual clock of a demo or test
/// (as POST /api/ops/clock/advance: time moves, due timers run, the demo crowd visits, pools are reviewed).
/// </summary>
public sealed class LedgerModel(SprigDb db, IServiceProvider services, TimeProvider clock, OrderTimers timers, PoolReview pools, Settlement settlement,
    IConfiguration config) : WebPage
{
    public List<(LedgerAccount Account, long Balance)> Accounts { get; private set; } = [];
    public long Total { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public bool Manual { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAdvanceAsync(double? hours, CancellationToken ct) => RunAsync(async () =>
    {
        var manual = services.GetService<ManualClock>()
            ?? throw new SprigException(409, "clock_not_manual", "The server runs on the real clock; start it with --manual-clock to move time.");
        new Validator().Require(hours is > 0 and <= 24 * 366, "hours", "must be more than 0 and at most a year").ThrowIfInvalid();
        manual.Advance(TimeSpan.FromHours(hours!.Value));
        var run = await timers.RunDueAsync(ct);
        if (config.GetValue("Sprig:Demo", true)) await services.GetRequiredService<DemoCrowd>().VisitAsync(hours.Value, ct);
        var (promoted, organic) = await pools.RunAsync(ct);
        TempData["clock"] = Say("o.ledger.ran", run.OrdersCancelled, run.ReceiptsConfirmed, run.AfterSalesMoved, run.OrdersSettled, run.PromotionsEnded, promoted, organic);
    }, Say("o.ledger.advanced"));

    public Task<IActionResult> OnPostSettleAsync(CancellationToken ct) => RunAsync(async () =>
        TempData["clock"] = Say("o.ledger.settled", await settlement.RunAsync(ct)), Say("o.ledger.advanced"));

    protected override async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Manual = services.GetService<ManualClock>() is not null;
        var sums = await db.JournalLines.AsNoTracking().GroupBy(l => l.Account).Select(g => new { g.Key, Sum = g.Sum(l => l.Amount) }).ToListAsync(HttpContext.RequestAborted);
        Accounts = Enum.GetValues<LedgerAccount>().Select(a => (a, sums.Where(s => s.Key == a).Sum(s => s.Sum))).ToList();
        Total = Accounts.Sum(a => a.Balance);
    }
}
