using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Promotions;

namespace Sprig.Finance;

/// <summary>
/// Pays an approved after-sale back to the buyer, inside the caller's transaction: the refund through the
/// gateway, the ledger (out of the held funds before settlement; a clawback from the merchant's balance
/// after it, with the fee on the refunded part handed back), the order's refunded amounts, and the stock of
/// goods that never left the warehouse.
/// </summary>
public static class Refunds
{
    public static async Task ExecuteAsync(SprigDb db, AfterSale sale, DateTimeOffset now, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == sale.OrderId, ct);
        var line = order.Lines.First(l => l.Id == sale.LineId);
        var goods = sale.Amount - sale.Freight;
        if (goods > line.Paid - line.Refunded || sale.Amount > order.Paid - order.Refunded)
            throw SprigException.InvalidState("The refund is more than what is left to refund on this line.");

        SandboxGateway.Refund(sale.Id, sale.Amount);
        var settled = order.SettledAt is not null;
        var entries = new List<JournalEntry>
        {
            settled
                ? JournalEntry.Create(Ledger.Key("refund", sale.Id), EntryKind.Clawback, order.Id, now, "refund after settlement",
                    (LedgerAccount.MerchantAvailable, order.ShopId, sale.Amount), (LedgerAccount.Refunds, Guid.Empty, -sale.Amount))
                : JournalEntry.Create(Ledger.Key("refund", sale.Id), EntryKind.Refund, order.Id, now, "refund before settlement",
                    (LedgerAccount.MerchantPending, order.ShopId, sale.Amount), (LedgerAccount.Refunds, Guid.Empty, -sale.Amount)),
            JournalEntry.Create(Ledger.Key("refund-payout", sale.Id), EntryKind.RefundPayout, order.Id, now, "refund paid by the gateway",
                (LedgerAccount.Refunds, Guid.Empty, sale.Amount), (LedgerAccount.PlatformClearing, Guid.Empty, -sale.Amount)),
        };
        // the platform's subsidy on the refunded part goes back to its budget, and out of the merchant's money for the order
        var subsidyBack = await PromotionReturns.ReturnSubsidyAsync(db, order, line, goods, ct);
        if (subsidyBack > 0)
        {
            entries.Add(settled
                ? JournalEntry.Create(Ledger.Key("subsidy-return", sale.Id), EntryKind.SubsidyClawback, order.Id, now, "subsidy on the refunded part",
                    (LedgerAccount.MerchantAvailable, order.ShopId, subsidyBack), (LedgerAccount.PlatformSubsidyExpense, Guid.Empty, -subsidyBack))
                : JournalEntry.Create(Ledger.Key("subsidy-return", sale.Id), EntryKind.Subsidy, order.Id, now, "subsidy on the refunded part returned",
                    (LedgerAccount.MerchantPending, order.ShopId, subsidyBack), (LedgerAccount.PlatformSubsidyExpense, Guid.Empty, -subsidyBack)));
        }
        if (settled)
        {
            // the fee charged on the refunded part (and on its subsidy) comes back to the merchant, pro rata on the line's fee base
            var parts = await db.SettlementParts.Where(p => p.LineId == line.Id).ToListAsync(ct);
            var lineBase = parts.Sum(p => p.Base);
            var lineFee = parts.Sum(p => p.Fee);
            var feeBack = Allocation.ProRata(lineFee, goods + subsidyBack, lineBase);
            feeBack = Math.Min(feeBack, lineFee - await FeeAlreadyReturnedAsync(db, line.Id, ct));
            if (feeBack > 0)
                entries.Add(JournalEntry.Create(Ledger.Key("fee-return", sale.Id), EntryKind.Fee, order.Id, now, "fee on the refunded part",
                    (LedgerAccount.PlatformFeeRevenue, Guid.Empty, feeBack), (LedgerAccount.MerchantAvailable, order.ShopId, -feeBack)));
        }
        var commission = await db.CommissionOrders.FirstOrDefaultAsync(c => c.LineId == line.Id && c.Status != CommissionStatus.Cancelled, ct);
        if (commission is not null && settled && commission.Status == CommissionStatus.Settled)
        {
            // the commission on the refunded part comes back from the creator (and the agency), pro rata
            var back = Math.Min(Allocation.ApplyBps(goods, commission.RateBps), commission.Commission - commission.Returned);
            if (back > 0)
            {
                var agencyBack = commission.AgencyId is null ? 0 : Allocation.ApplyBps(back, commission.AgencyRateBps);
                entries.Add(JournalEntry.Create(Ledger.Key("commission-return", sale.Id), EntryKind.AffiliateSplit, order.Id, now, "commission on the refunded part",
                    (LedgerAccount.CreatorCommissionPayable, commission.CreatorId, back - agencyBack),
                    (LedgerAccount.CreatorCommissionPayable, commission.AgencyId ?? Guid.Empty, agencyBack),
                    (LedgerAccount.MerchantAvailable, order.ShopId, -back)));
                commission.Returned += back;
            }
        }
        await Ledger.PostAsync(db, entries, ct);

        line.Refunded += goods;
        // a line refunded in full before settlement earns no commission
        if (commission is { Status: CommissionStatus.Unsettled } && line.Refunded >= line.Paid)
            commission.Status = CommissionStatus.Cancelled;
        order.Refunded += sale.Amount;
        if (line.ShipmentId is null && line.Refunded >= line.Paid)
        {
            // nothing left the warehouse: the goods are for sale again
            var qty = line.Quantity;
            await db.Skus.Where(s => s.Id == line.SkuId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, s => s.Stock + qty), ct);
        }
        order.CloseIfFullyRefunded(now);
        sale.MarkRefunded(settled, now);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<long> FeeAlreadyReturnedAsync(SprigDb db, Guid lineId, CancellationToken ct)
    {
        var saleIds = await db.AfterSales.Where(a => a.LineId == lineId && a.Status == AfterSaleStatus.Refunded && a.AfterSettlement)
            .Select(a => a.Id).ToListAsync(ct);
        if (saleIds.Count == 0) return 0;
        var keys = saleIds.Select(id => Ledger.Key("fee-return", id)).ToList();
        return await db.JournalLines
            .Where(l => l.Account == LedgerAccount.PlatformFeeRevenue && db.JournalEntries.Any(e => e.Id == l.EntryId && keys.Contains(e.Key)))
            .SumAsync(l => l.Amount, ct);
    }
}
