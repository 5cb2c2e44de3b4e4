using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Payments;

public sealed class PaymentCaptureOptions : BatchOptions;

/// <summary>What acting on one verified gateway notice came to, and when.</summary>
public sealed record Captured(CallbackOutcome Outcome, DateTimeOffset At);

/// <summary>
/// Applies verified gateway notices to payments and orders, a batch per transaction, the way
/// <see cref="OrderPlacement"/> places orders: one query per table to read the batch, bulk inserts for the
/// intents, callback records and ledger entries, one conditional update that moves every paid order from 10
/// to 20, one commit. Each notice is acted on once: a notice whose gateway transaction id was seen before is a
/// duplicate; a second payment of an order already paid (in the database or earlier in the batch) is refunded.
/// If anything in the batch fails (another node paid one of its orders a moment earlier), the notices are
/// applied one at a time, and a lost race is tried again: the retry sees what won.
/// </summary>
public sealed class PaymentCapture(
    IDbContextFactory<SprigDb> dbs, TimeProvider clock, IOptions<PaymentCaptureOptions> options, ILogger<PaymentCapture> log)
    : BatchWriter<PaymentCapture.Notice, Captured>(options.Value.Writers, options.Value.MaxBatch, log)
{
    public sealed record Notice(GatewayNotice Gateway, string Body, PaymentIntent? NewIntent);

    /// <summary>
    /// Acts on a notice whose signature has been checked. <paramref name="newIntent"/> is the intent the notice
    /// pays when the gateway answered in the same request (the sandbox does): it is stored with its outcome.
    /// </summary>
    public Task<Captured> ApplyAsync(GatewayNotice notice, string body, PaymentIntent? newIntent, CancellationToken ct = default) =>
        EnqueueAsync(new Notice(notice, body, newIntent), ct);

    protected override async Task WriteAloneAsync(Pending pending, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync([pending], stop);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
            catch (DbUpdateException)
            {
                pending.Fail(new SprigException(409, "concurrent_update", "The order changed while the payment was processed; the gateway should retry."));
                return;
            }
            catch (Exception ex)
            {
                pending.Fail(ex);
                return;
            }
        }
    }

    protected override async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(stop);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(stop);

        var txnIds = batch.Select(p => p.Item.Gateway.TransactionId).Distinct().ToArray();
        var seen = (await db.PaymentCallbacks.Where(c => txnIds.Contains(c.GatewayTransactionId))
            .Select(c => new { c.Gateway, c.GatewayTransactionId }).ToListAsync(stop))
            .Select(c => (c.Gateway, c.GatewayTransactionId)).ToHashSet();

        var storedIntentIds = batch.Where(p => p.Item.NewIntent is null).Select(p => p.Item.Gateway.IntentId).Distinct().ToArray();
        var stored = storedIntentIds.Length == 0
            ? new Dictionary<Guid, PaymentIntent>()
            : await db.PaymentIntents.AsTracking().Where(i => storedIntentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, stop);
        var orderIds = batch.Select(p => p.Item.NewIntent?.OrderId ?? (stored.TryGetValue(p.Item.Gateway.IntentId, out var i) ? i.OrderId : Guid.Empty))
            .Where(id => id != Guid.Empty).Distinct().ToArray();
        // headers only: this writer runs alone, so it reads no more than it decides on
        var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, stop);

        var results = new Captured?[batch.Count];
        var errors = new Exception?[batch.Count];
        var newIntents = new List<PaymentIntent>();
        var callbacks = new List<PaymentCallback>();
        var toPay = new List<Guid>();
        var entries = new List<JournalEntry>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (notice, body, newIntent) = batch[i].Item;
            if (!seen.Add((notice.Gateway, notice.TransactionId))) { results[i] = new(CallbackOutcome.Duplicate, now); continue; }
            var intent = newIntent ?? stored.GetValueOrDefault(notice.IntentId);
            if (intent is null) { errors[i] = SprigException.NotFound("Payment"); continue; }
            if (intent.Status != PaymentStatus.Pending)
            {
                errors[i] = SprigException.InvalidState($"The payment is already {intent.Status} by another gateway transaction.");
                continue;
            }
            if (notice.Amount != intent.Amount || notice.Currency != Money.Currency)
            {
                errors[i] = new SprigException(400, "amount_mismatch", "The callback's amount does not match the payment.");
                continue;
            }

            callbacks.Add(new PaymentCallback
            {
                Gateway = notice.Gateway, GatewayTransactionId = notice.TransactionId, IntentId = intent.Id, Body = body, ReceivedAt = now,
            });
            if (newIntent is not null) newIntents.Add(newIntent);
            var order = orders[intent.OrderId];
            if (notice.Status != "succeeded")
            {
                intent.Fail(notice.TransactionId, now);
                results[i] = new(CallbackOutcome.Failed, now);
            }
            else if (order.Status == OrderStatus.PendingPayment)
            {
                intent.Succeed(notice.TransactionId, now);
                order.MarkPaid(now); // the in-memory copy, so a second payment later in this batch sees it paid
                toPay.Add(order.Id);
                // the buyer's money is held for the shop until the order settles; platform-funded discounts are added to it
                entries.Add(JournalEntry.Create(Ledger.Key("pay", intent.Id), EntryKind.OrderPayment, order.Id, now, null,
                    (LedgerAccount.PlatformClearing, Guid.Empty, intent.Amount), (LedgerAccount.MerchantPending, order.ShopId, -intent.Amount)));
                if (order.PlatformDiscount > 0)
                    entries.Add(JournalEntry.Create(Ledger.Key("subsidy", order.Id), EntryKind.Subsidy, order.Id, now, null,
                        (LedgerAccount.PlatformSubsidyExpense, Guid.Empty, order.PlatformDiscount), (LedgerAccount.MerchantPending, order.ShopId, -order.PlatformDiscount)));
                results[i] = new(CallbackOutcome.Paid, now);
            }
            else
            {
                // paid twice, or paid after the order was cancelled: hand the money back at once
                intent.Succeed(notice.TransactionId, now);
                intent.MarkRefunded($"order was {order.Status} when the payment arrived");
                entries.Add(JournalEntry.Create(Ledger.Key("pay", intent.Id), EntryKind.OrderPayment, order.Id, now, "payment for an order no longer payable",
                    (LedgerAccount.PlatformClearing, Guid.Empty, intent.Amount), (LedgerAccount.Refunds, Guid.Empty, -intent.Amount)));
                entries.Add(JournalEntry.Create(Ledger.Key("refund-payout", intent.Id), EntryKind.RefundPayout, order.Id, now, "refunded by the gateway",
                    (LedgerAccount.Refunds, Guid.Empty, intent.Amount), (LedgerAccount.PlatformClearing, Guid.Empty, -intent.Amount)));
                results[i] = new(CallbackOutcome.RefundedOrderNotPayable, now);
            }
        }

        await BulkInsert.InsertAsync(db, newIntents, stop);
        await BulkInsert.InsertAsync(db, callbacks, stop);
        if (stored.Count > 0)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(stop);
        }
        await Ledger.PostAsync(db, entries, stop);
        if (toPay.Count > 0)
        {
            var ids = toPay.ToArray();
            var paid = await db.Orders.Where(o => ids.Contains(o.Id) && o.Status == OrderStatus.PendingPayment)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(o => o.Status, OrderStatus.PendingShipment)
                    .SetProperty(o => o.PaidAt, now)
                    .SetProperty(o => o.Version, o => o.Version + 1), stop);
            // another node moved one of these orders since we read it: redo the batch one by one
            if (paid != ids.Length) throw new DbUpdateConcurrencyException($"{ids.Length - paid} of {ids.Length} orders were no longer unpaid.");
            await Distribution.FeedConversions.RecordAsync(db, toPay.Select(id => orders[id]).ToList(), stop);
        }
        await tx.CommitAsync(stop);

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } e) batch[i].Fail(e);
            else batch[i].Complete(results[i]!);
        }
    }
}
