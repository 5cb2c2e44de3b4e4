using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Platform;
using Sprig.Shops;

namespace Sprig.Finance;

/// <summary>
/// Settles orders whose after-sale window has ended with no open after-sale: the merchant's pending money for
/// the order (paid less refunds) becomes available, less the technical service fee, which the fee engine
/// computes per line on the settled amount. Streams in batches, each one transaction. Safe on several nodes
/// at once: PostgreSQL hands each node different orders (FOR UPDATE SKIP LOCKED), the conditional update of
/// SettledAt and the unique journal keys make a second settlement of an order impossible.
/// </summary>
public sealed class Settlement(IDbContextFactory<SprigDb> dbs, PlatformSettings settings, TimeProvider clock)
{
    public const int BatchSize = 2_000;

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var settled = await SettleBatchAsync(BatchSize, ct);
            total += settled;
            if (settled == 0) return total;
        }
    }

    public async Task<int> SettleBatchAsync(int size, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-await settings.GetNumberAsync(PlatformSettings.AfterSaleWindowDays, ct));
        var channelFee = (int)await settings.GetNumberAsync(PlatformSettings.ChannelFeeBps, ct);

        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        List<DueOrder> orders;
        List<Guid> ids;
        IQueryable<Guid> batchIds;
        if (db.IsPostgres)
        {
            ids = await LockDueOrderIdsAsync(db, cutoff, size, ct);
            if (ids.Count == 0) return 0;
            var idArray = ids.ToArray();
            orders = await Project(db.Orders.Where(o => idArray.Contains(o.Id))).ToListAsync(ct);
            batchIds = db.Orders.Where(o => idArray.Contains(o.Id)).Select(o => o.Id);
        }
        else
        {
            // SQLite: the transaction holds the write lock, so the due query itself is the batch (no id list to ship back)
            var due = Due(db, cutoff).OrderBy(o => o.ReceivedAt).ThenBy(o => o.Id).Take(size); // index order: no sort of the backlog
            orders = await Project(due).ToListAsync(ct);
            if (orders.Count == 0) return 0;
            ids = orders.Select(o => o.Id).ToList();
            batchIds = due.Select(o => o.Id);
        }

        var shopIds = orders.Select(o => o.ShopId).Distinct().Order().ToArray();
        if (db.IsPostgres)
        {
            // the new-shop cap is a running total per shop: one settler at a time per shop
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Shops" WHERE "Id" = ANY({shopIds}) ORDER BY "Id" FOR UPDATE""", ct);
        }
        var shops = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var productIds = orders.SelectMany(o => o.Lines.Select(l => l.ProductId)).Distinct().ToArray();
        var categoryOf = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.CategoryId, ct);
        var rates = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.FeeRateBps, ct);
        var programs = await db.FeePrograms.AsNoTracking().ToListAsync(ct);
        var commissions = await db.CommissionOrders.AsTracking()
            .Where(c => c.Status == CommissionStatus.Unsettled && batchIds.Contains(c.OrderId)).ToListAsync(ct);

        var gmvUsed = shops.ToDictionary(s => s.Key, s => s.Value.NewShopGmvUsed);
        var parts = new List<SettlementPart>();
        var entries = new List<JournalEntry>();
        var commissionsOf = commissions.ToLookup(c => c.OrderId);
        foreach (var order in orders.OrderBy(o => o.PaidAt).ThenBy(o => o.Id))
        {
            var shop = shops[order.ShopId];
            // the fee base of a line: what the buyer paid for it less refunds, plus platform-funded discounts not returned
            var lines = order.Lines.Select(l => new FeeLine(l.Id, categoryOf[l.ProductId], l.Paid - l.Refunded + l.PlatformDiscount - l.SubsidyReturned)).ToList();
            var (feeParts, used) = FeeEngine.Compute(
                new FeeOrder(order.Scene, order.PaidAt, shop.Kind, shop.OpenedAt, shop.ScoreTenths),
                lines, rates, programs, channelFee, gmvUsed[shop.Id]);
            gmvUsed[shop.Id] += used;
            parts.AddRange(feeParts.Select(p => new SettlementPart
            {
                Id = Ids.New(), OrderId = order.Id, LineId = p.LineId, Base = p.Base, RateBps = p.RateBps, Program = p.Program, Fee = p.Fee,
            }));

            // the merchant is credited the pre-subsidy price: what the buyer paid plus what the platform paid, less refunds
            var gross = order.Paid - order.Refunded + order.Lines.Sum(l => l.PlatformDiscount - l.SubsidyReturned);
            var fee = feeParts.Sum(p => p.Fee);
            entries.Add(JournalEntry.Create(Ledger.Key("settle", order.Id), EntryKind.Settlement, order.Id, now, null,
                (LedgerAccount.MerchantPending, order.ShopId, gross), (LedgerAccount.MerchantAvailable, order.ShopId, -gross)));
            entries.Add(JournalEntry.Create(Ledger.Key("fee", order.Id), EntryKind.Fee, order.Id, now, null,
                (LedgerAccount.MerchantAvailable, order.ShopId, fee), (LedgerAccount.PlatformFeeRevenue, Guid.Empty, -fee)));

            // commission on what the buyer paid for the line less refunds (a partial refund reduces it pro rata)
            foreach (var c in commissionsOf[order.Id])
            {
                var line = order.Lines.First(l => l.Id == c.LineId);
                c.Commission = Allocation.ApplyBps(line.Paid - line.Refunded, c.RateBps);
                c.AgencyShare = c.AgencyId is null ? 0 : Allocation.ApplyBps(c.Commission, c.AgencyRateBps);
                c.Status = CommissionStatus.Settled;
                c.SettledAt = now;
                entries.Add(JournalEntry.Create(Ledger.Key("commission", c.Id), EntryKind.AffiliateSplit, order.Id, now, null,
                    (LedgerAccount.MerchantAvailable, order.ShopId, c.Commission),
                    (LedgerAccount.CreatorCommissionPayable, c.CreatorId, -(c.Commission - c.AgencyShare)),
                    (LedgerAccount.CreatorCommissionPayable, c.AgencyId ?? Guid.Empty, -c.AgencyShare)));
            }
        }

        var marked = await db.Orders.Where(o => batchIds.Contains(o.Id) && o.SettledAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.SettledAt, now).SetProperty(o => o.Version, o => o.Version + 1), ct);
        if (marked != ids.Count) throw new DbUpdateConcurrencyException("Another settler took some of these orders; the batch is abandoned.");
        await BulkInsert.InsertAsync(db, parts, ct);
        await Ledger.PostAsync(db, entries, ct);
        if (commissions.Count > 0)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        foreach (var (shopId, total) in gmvUsed.Where(g => g.Value != shops[g.Key].NewShopGmvUsed))
            await db.Shops.Where(s => s.Id == shopId).ExecuteUpdateAsync(u => u.SetProperty(s => s.NewShopGmvUsed, total), ct);
        await tx.CommitAsync(ct);
        return ids.Count;
    }

    /// <summary>What settling reads of an order: no more, since a batch reads thousands.</summary>
    private sealed record DueOrder(Guid Id, Guid ShopId, Scene Scene, DateTimeOffset PaidAt, long Paid, long Refunded, List<DueLine> Lines);

    private sealed record DueLine(Guid Id, Guid ProductId, long Paid, long Refunded, long PlatformDiscount, long SubsidyReturned);

    private static IQueryable<DueOrder> Project(IQueryable<Order> orders) => orders.AsNoTracking().Select(o => new DueOrder(
        o.Id, o.ShopId, o.Scene, o.PaidAt!.Value, o.Paid, o.Refunded,
        o.Lines.Select(l => new DueLine(l.Id, l.ProductId, l.Paid, l.Refunded, l.PlatformDiscount, l.SubsidyReturned)).ToList()));

    private static IQueryable<Order> Due(SprigDb db, DateTimeOffset cutoff)
    {
        var openStatuses = AfterSaleDesk.OpenStatuses;
        return db.Orders.Where(o => o.Status == OrderStatus.Completed && o.SettledAt == null && o.ReceivedAt <= cutoff
                                    && !db.AfterSales.Any(a => a.OrderId == o.Id && openStatuses.Contains(a.Status)));
    }

    /// <summary>PostgreSQL: each settler locks its own due orders and skips the ones another node holds.</summary>
    private static async Task<List<Guid>> LockDueOrderIdsAsync(SprigDb db, DateTimeOffset cutoff, int size, CancellationToken ct)
    {
        var open = AfterSaleDesk.OpenStatuses.Select(s => s.ToString()).ToArray();
        return await db.Database.SqlQuery<Guid>($"""
            SELECT o."Id" AS "Value" FROM "Orders" o
            WHERE o."Status" = {(int)OrderStatus.Completed} AND o."SettledAt" IS NULL AND o."ReceivedAt" <= {cutoff}
              AND NOT EXISTS (SELECT 1 FROM "AfterSales" a WHERE a."OrderId" = o."Id" AND a."Status" = ANY({open}))
            ORDER BY o."ReceivedAt", o."Id"
            LIMIT {size}
            FOR UPDATE OF o SKIP LOCKED
            """).ToListAsync(ct);
    }
}
