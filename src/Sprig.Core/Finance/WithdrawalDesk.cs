using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Finance;

/// <summary>A merchant's withdrawals: requested against the available balance, then paid by the bank or failed and returned.</summary>
public sealed class WithdrawalDesk(SprigDb db, TimeProvider clock)
{
    public const long MaxAmount = 10_000_000_000; // ¥100,000,000 at once

    public async Task<Withdrawal> RequestAsync(Shop shop, long? amount, CancellationToken ct = default)
    {
        new Validator().Require(amount is > 0 and <= MaxAmount, "amount", $"must be between 1 and {MaxAmount} fen").ThrowIfInvalid();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var available = await Ledger.LockOwedAsync(db, LedgerAccount.MerchantAvailable, shop.Id, ct);
        if (available < amount)
            throw new SprigException(409, "insufficient_balance", $"The available balance is {available} fen.");
        var w = new Withdrawal { Id = Ids.New(), ShopId = shop.Id, Amount = amount!.Value, RequestedAt = now };
        db.Withdrawals.Add(w);
        await db.SaveChangesAsync(ct);
        await Ledger.PostAsync(db, [JournalEntry.Create(Ledger.Key("withdraw", w.Id), EntryKind.Withdrawal, null, now, null,
            (LedgerAccount.MerchantAvailable, shop.Id, w.Amount), (LedgerAccount.WithdrawalsInTransit, shop.Id, -w.Amount))], ct);
        await tx.CommitAsync(ct);
        return w;
    }

    /// <summary>The bank paid it out.</summary>
    public Task<Withdrawal> MarkPaidAsync(Guid id, CancellationToken ct = default) =>
        CompleteAsync(id, paid: true, reason: null, ct);

    /// <summary>The bank refused it: the money goes back to the available balance.</summary>
    public Task<Withdrawal> MarkFailedAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        new Validator().Text(reason, "reason", 300).ThrowIfInvalid();
        return CompleteAsync(id, paid: false, reason, ct);
    }

    private async Task<Withdrawal> CompleteAsync(Guid id, bool paid, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw SprigException.NotFound("Withdrawal");
        if (w.Status != WithdrawalStatus.Requested) throw SprigException.InvalidState($"The withdrawal is already {w.Status}.");
        w.Status = paid ? WithdrawalStatus.Paid : WithdrawalStatus.Failed;
        w.FailureReason = reason;
        w.CompletedAt = now;
        await db.SaveChangesAsync(ct);
        var entry = paid
            ? JournalEntry.Create(Ledger.Key("withdraw-paid", w.Id), EntryKind.WithdrawalPaid, null, now, null,
                (LedgerAccount.WithdrawalsInTransit, w.ShopId, w.Amount), (LedgerAccount.PlatformClearing, Guid.Empty, -w.Amount))
            : JournalEntry.Create(Ledger.Key("withdraw-failed", w.Id), EntryKind.WithdrawalFailed, null, now, reason,
                (LedgerAccount.WithdrawalsInTransit, w.ShopId, w.Amount), (LedgerAccount.MerchantAvailable, w.ShopId, -w.Amount));
        await Ledger.PostAsync(db, [entry], ct);
        await tx.CommitAsync(ct);
        return w;
    }
}
