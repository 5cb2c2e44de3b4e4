using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Promotions;
using Sprig.Platform;

namespace Sprig.Ordering;

/// <summary>
/// The order timers: unpaid orders cancel after the payment window, shipped orders are received
/// automatically after the auto-confirm period, after-sales nobody answered move on, due orders settle. Safe on every node at once: each move is a checked
/// transition guarded by the order's version, so when two nodes reach the same order one wins and the other skips it.
/// </summary>
public sealed class OrderTimers(IServiceScopeFactory scopes, Settlement settlement, PlatformSettings settings, TimeProvider clock, ILogger<OrderTimers> log)
{
    private const int Batch = 200;

    public async Task<TimerRun> RunDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cancelled = 0;
        var received = 0;

        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
            var desk = scope.ServiceProvider.GetRequiredService<OrderDesk>();
            var due = await db.Orders.Include(o => o.Lines)
                .Where(o => o.Status == OrderStatus.PendingPayment && o.PayBy <= now)
                .OrderBy(o => o.PayBy).Take(Batch).ToListAsync(ct);
            foreach (var order in due)
            {
                try
                {
                    await desk.CancelAsync(order, CancelReason.PaymentTimeout, ct);
                    cancelled++;
                }
                catch (SprigException ex)
                {
                    // paid or cancelled meanwhile, here or on another node
                    log.LogDebug("Order {OrderId} not auto-cancelled: {Reason}", order.Id, ex.Message);
                }
            }
            if (due.Count < Batch) break;
        }

        var confirmBefore = now.AddDays(-await settings.GetNumberAsync(PlatformSettings.AutoConfirmReceiptDays, ct));
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
            var open = AfterSaleDesk.OpenStatuses;
            // receipt waits while an after-sale is open; the timer comes back to it afterwards
            var due = await db.Orders
                .Where(o => o.Status == OrderStatus.Shipped && o.ShippedAt <= confirmBefore
                            && !db.AfterSales.Any(a => a.OrderId == o.Id && open.Contains(a.Status)))
                .OrderBy(o => o.ShippedAt).Take(Batch).ToListAsync(ct);
            foreach (var order in due)
            {
                order.ConfirmReceipt(now, automatic: true);
                try
                {
                    await db.SaveChangesAsync(ct);
                    received++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.Entry(order).State = EntityState.Detached;
                }
            }
            if (due.Count < Batch) break;
        }

        var afterSales = await RunAfterSaleTimersAsync(now, ct);
        var settled = await settlement.RunAsync(ct);
        var ended = await EndPromotionsAsync(now, ct);

        if (cancelled + received + afterSales + settled + ended > 0)
            log.LogInformation("Timers: {Cancelled} unpaid orders cancelled, {Received} receipts auto-confirmed, {AfterSales} after-sales moved, {Settled} orders settled, {Ended} promotions ended",
                cancelled, received, afterSales, settled, ended);
        return new TimerRun(cancelled, received, afterSales, settled, ended);
    }

    /// <summary>
    /// Flash sales and campaigns past their end, and coupons past their claim window with every copy expired, are
    /// marked ended, so lists and reports show them as over. (Checkout already goes by the clock, not by this mark.)
    /// </summary>
    private async Task<int> EndPromotionsAsync(DateTimeOffset now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
        var live = new[] { PromotionStatus.Active, PromotionStatus.Paused };
        var ended = await db.FlashSales.Where(f => live.Contains(f.Status) && f.EndsAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, PromotionStatus.Ended).SetProperty(f => f.Version, f => f.Version + 1), ct);
        ended += await db.Campaigns.Where(c => live.Contains(c.Status) && c.EndsAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, PromotionStatus.Ended).SetProperty(c => c.Version, c => c.Version + 1), ct);
        ended += await db.Coupons.Where(c => live.Contains(c.Status) && c.ClaimTo <= now && !db.BuyerCoupons.Any(b => b.CouponId == c.Id && b.ExpiresAt > now))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, PromotionStatus.Ended).SetProperty(c => c.Version, c => c.Version + 1), ct);
        return ended;
    }

    /// <summary>
    /// After-sales nobody acted on: a merchant silent for 48 h has approved; a buyer who did not send the goods
    /// back in 5 days has given up; a merchant who did not confirm the returned parcel in 8 days has received it.
    /// </summary>
    private async Task<int> RunAfterSaleTimersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var moved = 0;
        var waiting = new[] { AfterSaleStatus.MerchantProcessing, AfterSaleStatus.WaitingBuyerReturn, AfterSaleStatus.WaitingMerchantReceipt };
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
            var desk = scope.ServiceProvider.GetRequiredService<AfterSaleDesk>();
            var due = await db.AfterSales.AsNoTracking().Where(a => waiting.Contains(a.Status) && a.DueAt <= now)
                .OrderBy(a => a.DueAt).Select(a => new { a.Id, a.Status }).Take(Batch).ToListAsync(ct);
            foreach (var a in due)
            {
                try
                {
                    await desk.MoveAsync(() => desk.GetAsync(a.Id, ct), s =>
                    {
                        if (s.Status == AfterSaleStatus.MerchantProcessing) s.Approve(now, "auto-approved: the merchant did not answer in time");
                        else if (s.Status == AfterSaleStatus.WaitingBuyerReturn) s.CloseUnreturned(now);
                        else s.ConfirmReturn();
                    }, ct);
                    moved++;
                }
                catch (SprigException ex)
                {
                    log.LogDebug("After-sale {Id} not moved: {Reason}", a.Id, ex.Message);
                }
                db.ChangeTracker.Clear();
            }
            if (due.Count < Batch) return moved;
        }
    }
}

public sealed record TimerRun(int OrdersCancelled, int ReceiptsConfirmed, int AfterSalesMoved, int OrdersSettled, int PromotionsEnded);
