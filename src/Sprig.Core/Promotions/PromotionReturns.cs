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
        // the whole subsidy goes back: nothing of a cancelled order was refunded, and it cannot be cancelled twice
        var budgets = await BudgetsAsync(db, order, ct);
        foreach (var line in order.Lines.Where(l => l.PlatformDiscount > l.SubsidyReturned))
        {
            await GiveBackAsync(db, budgets, order, line, line.PlatformDiscount - line.SubsidyReturned, ct);
            line.SubsidyReturned = line.PlatformDiscount;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A refund of <paramref name="goods"/> on a line returns the platform's subsidy on the refunded part to its
    /// budgets: the share of the line's subsidy that the refunded share of what the buyer paid stands for, counted
    /// on the running total so a line refunded in full returns its whole subsidy to the fen. Returns the amount.
    /// </summary>
    public static async Task<long> ReturnSubsidyAsync(SprigDb db, Order order, OrderLine line, long goods, CancellationToken ct)
    {
        if (line.PlatformDiscount == 0) return 0;
        var refunded = line.Refunded + goods;
        var due = refunded >= line.Paid ? line.PlatformDiscount : Allocation.ProRata(line.PlatformDiscount, refunded, line.Paid);
        var back = due - line.SubsidyReturned;
        if (back <= 0) return 0;
        await GiveBackAsync(db, await BudgetsAsync(db, order, ct), order, line, back, ct);
        line.SubsidyReturned += back;
        return back;
    }

    /// <summary>What a line drew and what of it is back, per source: the campaign's part is given back first.</summary>
    private static (long CampaignLeft, long CouponLeft) Unreturned(OrderLine line)
    {
        var campaignBack = Math.Min(line.SubsidyReturned, line.CampaignSubsidy);
        return (line.CampaignSubsidy - campaignBack, line.PlatformDiscount - line.CampaignSubsidy - (line.SubsidyReturned - campaignBack));
    }

    /// <summary>The budgets the order's lines drew on: each campaign's, and the platform coupon's.</summary>
    private static async Task<Dictionary<Guid, Guid>> BudgetsAsync(SprigDb db, Order order, CancellationToken ct)
    {
        var campaignIds = order.Lines.Where(l => l.CampaignId is not null && l.CampaignSubsidy > 0).Select(l => l.CampaignId!.Value).Distinct().ToArray();
        var budgets = campaignIds.Length == 0 ? [] : await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.BudgetId, ct);
        if (order.PlatformCouponId is { } couponId
            && await db.Coupons.AsNoTracking().Where(c => c.Id == couponId).Select(c => c.BudgetId).FirstOrDefaultAsync(ct) is { } budgetId)
            budgets[couponId] = budgetId;
        return budgets;
    }

    /// <summary>Gives <paramref name="amount"/> of the line's unreturned subsidy back to its budgets, the campaign's part first.</summary>
    private static async Task GiveBackAsync(SprigDb db, Dictionary<Guid, Guid> budgets, Order order, OrderLine line, long amount, CancellationToken ct)
    {
        var (campaignLeft, couponLeft) = Unreturned(line);
        var toCampaign = Math.Min(amount, campaignLeft);
        var toCoupon = amount - toCampaign;
        if (toCoupon > couponLeft) throw new InvalidOperationException($"Line {line.Id} has less subsidy left than {amount}.");
        if (toCampaign > 0) await CreditAsync(db, budgets[line.CampaignId!.Value], toCampaign, ct);
        if (toCoupon > 0) await CreditAsync(db, budgets[order.PlatformCouponId!.Value], toCoupon, ct);
    }

    private static Task CreditAsync(SprigDb db, Guid budgetId, long amount, CancellationToken ct) =>
        db.SubsidyBudgets.Where(b => b.Id == budgetId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Drawn, b => b.Drawn - amount), ct);
}
