using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Server.Endpoints;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// The shop's money: balances (pending, available, in transit), the statement (GET /api/shops/{id}/statement,
/// from the merchant's side: owed to it is positive), withdrawals requested after a confirmation.
/// </summary>
public sealed class FinanceModel(SprigDb db, WithdrawalDesk withdrawals) : MerchantPage
{
    private static readonly LedgerAccount[] MerchantAccounts = [LedgerAccount.MerchantPending, LedgerAccount.MerchantAvailable, LedgerAccount.WithdrawalsInTransit];

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public long Pending { get; private set; }
    public long Available { get; private set; }
    public long InTransit { get; private set; }
    public IReadOnlyList<StatementLineDto> Lines { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public List<Withdrawal> Withdrawals { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostWithdrawAsync(string? amount, CancellationToken ct) =>
        RunAsync(() => withdrawals.RequestAsync(Shop, ParseYuan(amount, "amount"), ct), Say("m.finance.requested"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var id = Shop.Id;
        Pending = await Ledger.OwedAsync(db, LedgerAccount.MerchantPending, id, ct);
        Available = await Ledger.OwedAsync(db, LedgerAccount.MerchantAvailable, id, ct);
        InTransit = await Ledger.OwedAsync(db, LedgerAccount.WithdrawalsInTransit, id, ct);
        var page = await db.JournalLines.AsNoTracking().Where(l => l.OwnerId == id && MerchantAccounts.Contains(l.Account))
            .PageAsync(l => l.Id, 20, Cursor, l => new StatementLineDto(l.Id, l.At, l.Kind, l.Account, l.OrderId, -l.Amount, Kernel.Money.Currency), ct);
        (Lines, NextCursor) = (page.Items, page.NextCursor);
        Withdrawals = await db.Withdrawals.AsNoTracking().Where(w => w.ShopId == id).OrderByDescending(w => w.Id).Take(20).ToListAsync(ct);
    }
}
