using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Promotions;

/// <summary>What a cancel or a refund gives back to promotions, inside the caller's transaction.</summary>
public static class PromotionReturns
{
    /// <summary>
    /// An unpaid order was cancelled: its flash-sale units go back to the quota and the buyer's limit, its
    /// subsidies to their budgets (its coupons are the buyer's again by the order's status alone).
    /// </summary>
    public static async Task ReleaseAsync(SprigDb db, Order order, CancellationToken ct)
    {
        foreach (var sale in order.Lines.Where(l => l.FlashSaleId is not null).GroupBy(l => l.FlashSaleId!.Value))
        {
            var qty = sale.Sum(l => l.Quantity);
            await db.FlashSales.Where(f => f.Id == sale.Key)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Sold, f => f.Sold - qty), ct);
            await db.FlashSaleBuyers.Where(f => f.FlashSaleId == sale.Key && f.BuyerId == order.BuyerId)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Quantity, f => f.Quantity - qty), ct);
        }
        var draws = await db.SubsidyDraws.AsTracking().Where(d => d.OrderId == order.Id && d.Returned < d.Amount).ToListAsync(ct);
        foreach (var draw in draws) await GiveBackAsync(db, draw, draw.Amount - draw.Returned, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A refund of <paramref name="goods"/> on a line returns the platform's subsidy on the refunded part to its
    /// budgets: the share of the line's subsidy that the refunded share of what the buyer paid stands for, counted
    /// on the running total so a line refunded in full returns its whole subsidy to the fen. Returns the amount.
    /// </summary>
    public static async Task<long> ReturnSubsidyAsync(SprigDb db, OrderLine line, long goods, CancellationToken ct)
    {
        if (line.PlatformDiscount == 0) return 0;
        var refunded = line.Refunded + goods;
        var due = refunded >= line.Paid ? line.PlatformDiscount : Allocation.ProRata(line.PlatformDiscount, refunded, line.Paid);
        var back = due - line.SubsidyReturned;
        if (back <= 0) return 0;
        var left = back;
        foreach (var draw in await db.SubsidyDraws.AsTracking().Where(d => d.LineId == line.Id && d.Returned < d.Amount).OrderBy(d => d.Id).ToListAsync(ct))
        {
            var part = Math.Min(left, draw.Amount - draw.Returned);
            await GiveBackAsync(db, draw, part, ct);
            left -= part;
            if (left == 0) break;
        }
        line.SubsidyReturned += back;
        return back;
    }

    private static async Task GiveBackAsync(SprigDb db, SubsidyDraw draw, long amount, CancellationToken ct)
    {
        draw.Returned += amount;
        await db.SubsidyBudgets.Where(b => b.Id == draw.BudgetId)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Drawn, b => b.Drawn - amount), ct);
    }
}
