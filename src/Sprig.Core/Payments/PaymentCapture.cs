using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Payments;

public sealed class PaymentCaptureOptions
{
    public int Writers { get; set; }
    public int MaxBatch { get; set; } = 512;
}

/// <summary>What acting on one verified gateway notice came to, and when.</summary>
public sealed record Captured(CallbackOutcome Outcome, DateTimeOffset At);

/// <summary>
/// Applies verified gateway notices to payments and orders, a batch per transaction, the way
/// <see cref="OrderPlacement"/> places orders: one query per table to read the batch, bulk inserts for the
/// intents and callback records, one conditional update that moves every paid order from 10 to 20, one commit.
/// Each notice is acted on once: a notice whose gateway transaction id was seen before is a duplicate; a second
/// payment of an order already paid (in the database or earlier in the batch) is refunded. If anything in the
/// batch fails (another node paid one of its orders a moment earlier), the notices are applied one at a time.
/// </summary>
public sealed class PaymentCapture(
    IDbContextFactory<SprigDb> dbs, TimeProvider clock, IOptions<PaymentCaptureOptions> options, ILogger<PaymentCapture> log)
    : BackgroundService
{
    private sealed record Pending(GatewayNotice Notice, string Body, PaymentIntent? NewIntent)
    {
        public TaskCompletionSource<Captured> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Acts on a notice whose signature has been checked. <paramref name="newIntent"/> is the intent the notice
    /// pays when the gateway answered in the same request (the sandbox does): it is stored with its outcome.
    /// </summary>
    public async Task<Captured> ApplyAsync(GatewayNotice notice, string body, PaymentIntent? newIntent, CancellationToken ct = default)
    {
        var pending = new Pending(notice, body, newIntent);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stop)
    {
        var writers = Math.Max(1, options.Value.Writers);
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriterLoopAsync(stop), stop)));
    }

    private async Task WriterLoopAsync(CancellationToken stop)
    {
        var batch = new List<Pending>(options.Value.MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                batch.Clear();
                while (batch.Count < options.Value.MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
                try
                {
                    await ApplyInOneTransactionAsync(batch, stop);
                }
                catch (Exception ex) when (batch.Count > 1 && !stop.IsCancellationRequested)
                {
                    log.LogInformation(ex, "Payment batch of {Count} failed; applying one at a time", batch.Count);
                    foreach (var p in batch) await ApplyAloneAsync(p, stop);
                }
                catch (Exception) when (batch.Count == 1 && !stop.IsCancellationRequested)
                {
                    await ApplyAloneAsync(batch[0], stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>One notice in its own transaction; a lost race is tried again, and the retry sees what won.</summary>
    private async Task ApplyAloneAsync(Pending p, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyInOneTransactionAsync([p], stop);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
            catch (Exception ex)
            {
                p.Done.TrySetException(Translate(ex));
                return;
            }
        }
    }

    private static Exception Translate(Exception ex) => ex is DbUpdateException
        ? new SprigException(409, "concurrent_update", "The order changed while the payment was processed; the gateway should retry.")
        : ex;

    private async Task ApplyInOneTransactionAsync(List<Pending> batch, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(stop);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(stop);

        var txnIds = batch.Select(p => p.Notice.TransactionId).Distinct().ToArray();
        var seen = (await db.PaymentCallbacks.Where(c => txnIds.Contains(c.GatewayTransactionId))
            .Select(c => new { c.Gateway, c.GatewayTransactionId }).ToListAsync(stop))
            .Select(c => (c.Gateway, c.GatewayTransactionId)).ToHashSet();

        var storedIntentIds = batch.Where(p => p.NewIntent is null).Select(p => p.Notice.IntentId).Distinct().ToArray();
        var stored = storedIntentIds.Length == 0
            ? new Dictionary<Guid, PaymentIntent>()
            : await db.PaymentIntents.AsTracking().Where(i => storedIntentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, stop);
        var orderIds = batch.Select(p => p.NewIntent?.OrderId ?? (stored.TryGetValue(p.Notice.IntentId, out var i) ? i.OrderId : Guid.Empty))
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
            var (notice, body, newIntent) = batch[i];
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
        }
        await tx.CommitAsync(stop);

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } e) batch[i].Done.TrySetException(e);
            else batch[i].Done.TrySetResult(results[i]!);
        }
    }
}
