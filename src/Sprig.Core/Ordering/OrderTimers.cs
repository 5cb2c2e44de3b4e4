using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Platform;

namespace Sprig.Ordering;

/// <summary>
/// The order timers: unpaid orders cancel after the payment window, shipped orders are received
/// automatically after the auto-confirm period. Safe on every node at once: each move is a checked
/// transition guarded by the order's version, so when two nodes reach the same order one wins and the other skips it.
/// </summary>
public sealed class OrderTimers(IServiceScopeFactory scopes, PlatformSettings settings, TimeProvider clock, ILogger<OrderTimers> log)
{
    private const int Batch = 200;

    public async Task<(int Cancelled, int Received)> RunDueAsync(CancellationToken ct = default)
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
            var due = await db.Orders
                .Where(o => o.Status == OrderStatus.Shipped && o.ShippedAt <= confirmBefore)
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

        if (cancelled + received > 0) log.LogInformation("Timers: {Cancelled} unpaid orders cancelled, {Received} receipts auto-confirmed", cancelled, received);
        return (cancelled, received);
    }
}
