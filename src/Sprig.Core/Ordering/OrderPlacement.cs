using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Platform;
using Sprig.Promotions;
using Sprig.Shops;

namespace Sprig.Ordering;

public sealed class OrderPlacementOptions : BatchOptions;

/// <summary>
/// The checkout hot path. Requests queue up on this node and a writer places a whole batch in one
/// transaction: it reads the batch's SKU rows and promotions, gives stock to orders in arrival order (each
/// order all or nothing), inserts the orders, then writes one guarded decrement per SKU (in id order, so two
/// nodes never deadlock) and commits. On PostgreSQL the first attempt takes no lock until those decrements, so
/// the writers on one hot SKU overlap; a batch whose reads went stale runs again with its SKU rows locked as
/// read (see <see cref="PlaceAsync"/>). Only after the commit does any caller hear back, so an acknowledged
/// order is durable and stock is never reserved for an order that does not exist. One hot SKU costs one row
/// update per batch, not one per order.
/// </summary>
public sealed class OrderPlacement(
    IDbContextFactory<SprigDb> dbs,
    PlatformSettings settings,
    TimeProvider clock,
    IOptions<OrderPlacementOptions> options,
    ILogger<OrderPlacement> log)
    : BatchWriter<OrderPlacement.Request, Order>(options.Value.Writers, options.Value.MaxBatch, log)
{
    public sealed record Request(PlaceOrder Command, Scene Scene, IReadOnlyList<(Guid SkuId, int Quantity)> Lines);

    public Task<Order> PlaceAsync(PlaceOrder command, CancellationToken ct = default)
    {
        var (scene, lines) = command.Validate();
        // a retry with the same Idempotency-Key finds an order placed after its caller went away
        return EnqueueAsync(new Request(command, scene, lines), ct);
    }

    private sealed record SkuRow(Guid Id, Guid ShopId, string Name, long Price, int Stock, Guid ProductId, string Title,
        ProductStatus ProductStatus, int ShippingHours, StockKind StockKind, int? PresaleShipDays, ShopStatus ShopStatus);

    protected override async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        var payBy = now.AddMinutes(await settings.GetNumberAsync(PlatformSettings.UnpaidTimeoutMinutes, stop));
        // on PostgreSQL a batch first runs without taking its locks up front; if what it read went stale meanwhile,
        // it runs again holding them from its first read (see PlaceAsync)
        var placed = await PlaceAsync(batch, now, payBy, lockFirst: false, stop) ?? await PlaceAsync(batch, now, payBy, lockFirst: true, stop);
        var (outcomes, existingOrders) = placed!.Value;
        for (var i = 0; i < batch.Count; i++)
        {
            var (order, existing, sameAs, error) = outcomes[i];
            if (order is not null) batch[i].Complete(order);
            else if (existing is not null) batch[i].Complete(existingOrders[existing.Value]);
            else if (sameAs is not null) batch[i].Complete(outcomes[sameAs.Value].Placed!);
            else batch[i].Fail(error!);
        }
    }

    private sealed record Outcome(Order? Placed, Guid? Existing, int? SameAs, SprigException? Error);

    /// <summary>
    /// Places a batch in one transaction and commits it. With <paramref name="lockFirst"/> (always on SQLite,
    /// whose transaction holds the database's write lock anyway) the SKU rows and budgets are locked as they are
    /// read, so the counters cannot move before the commit. Without it (PostgreSQL's first attempt) nothing is
    /// locked until the end: the batch reads, decides, writes its orders, and only then updates the counters, each
    /// update guarded (stock, quota, budget and per-buyer limit may not pass their bounds) and every coupon and
    /// idempotency key held to its unique index. Two writers on one hot SKU then overlap everything but those last
    /// updates and the commit, where with locks first they took turns for the whole batch. If a guard or an index
    /// refuses, or the batch deadlocks, what it read was stale: it rolls back and returns null, to be run again
    /// with locks first. A refusal decided on a stale read (out of stock, a used coupon) stands: the counter was so
    /// when read, and the counters only move back by cancels and refunds.
    /// </summary>
    private async Task<(Outcome[], Dictionary<Guid, Order>)?> PlaceAsync(IReadOnlyList<Pending> batch, DateTimeOffset now, DateTimeOffset payBy,
        bool lockFirst, CancellationToken stop)
    {
        await using var db = await dbs.CreateDbContextAsync(stop);
        lockFirst |= !db.IsPostgres;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(stop);
        try
        {
            var placed = await PlaceInAsync(db, batch, now, payBy, lockFirst, stop);
            await tx.CommitAsync(stop);
            return placed;
        }
        catch (Exception e) when (!lockFirst && !stop.IsCancellationRequested && Stale(e))
        {
            log.LogDebug(e, "A checkout batch of {Count} read stale counters; placing it again with its locks taken first", batch.Count);
            return null;
        }
    }

    private static bool Stale(Exception e) => e is DbUpdateConcurrencyException
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected };

    private static async Task<(Outcome[], Dictionary<Guid, Order>)> PlaceInAsync(SprigDb db, IReadOnlyList<Pending> batch, DateTimeOffset now,
        DateTimeOffset payBy, bool lockFirst, CancellationToken stop)
    {
        var skuIds = batch.SelectMany(p => p.Item.Lines.Select(l => l.SkuId)).Distinct().Order().ToArray();
        // first: the batch's promotions that are not counters (with locks first, another batch may hold the SKUs meanwhile)
        var terms = await CheckoutPromotions.TermsAsync(db, skuIds, batch.SelectMany(p => p.Item.Command.CouponIds ?? []).Distinct().ToArray(), now, stop);
        // then all reads in one round trip on PostgreSQL: the SKU rows, earlier orders of the batch's idempotency
        // keys, and the promotions' counters
        var reads = new StatementBatch(db);
        if (lockFirst && db.IsPostgres)
        {
            // row locks in a fixed order; on SQLite the transaction already holds the database's write lock
            reads.Query($"""SELECT 1 FROM "Skus" WHERE "Id" = ANY({skuIds}) ORDER BY "Id" FOR UPDATE""", _ => { });
        }
        var rows = new Dictionary<Guid, SkuRow>();
        reads.Query(db.Skus.Where(s => skuIds.Contains(s.Id))
                .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s, p })
                .Join(db.Shops, x => x.s.ShopId, sh => sh.Id, (x, sh) => new
                {
                    x.s.Id, x.s.ShopId, x.s.Name, x.s.Price, x.s.Stock, ProductId = x.p.Id, x.p.Title, x.p.Status, x.p.ShippingHours,
                    x.p.StockKind, x.p.PresaleShipDays, ShopStatus = sh.Status,
                }),
            r => rows[r.GetGuid(0)] = new SkuRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetInt32(4), r.GetGuid(5),
                r.GetString(6), Enum.Parse<ProductStatus>(r.GetString(7)), r.GetInt32(8), Enum.Parse<StockKind>(r.GetString(9)),
                r.IsDBNull(10) ? null : r.GetInt32(10), Enum.Parse<ShopStatus>(r.GetString(11))));

        // Idempotency: a key seen before (in the database or earlier in this batch) gets the order it made
        var keyed = batch.Where(p => p.Item.Command.IdempotencyKey is not null).ToList();
        var existingByKey = new Dictionary<(Guid, string), Guid>();
        if (keyed.Count > 0)
        {
            var keys = keyed.Select(p => p.Item.Command.IdempotencyKey!).Distinct().ToArray();
            var buyers = keyed.Select(p => p.Item.Command.BuyerId).Distinct().ToArray();
            // by buyer first, so the (BuyerId, IdempotencyKey) index answers it
            reads.Query(db.Orders.Where(o => buyers.Contains(o.BuyerId) && o.IdempotencyKey != null && keys.Contains(o.IdempotencyKey))
                    .Select(o => new { o.Id, o.BuyerId, o.IdempotencyKey }),
                r => existingByKey[(r.GetGuid(1), r.GetString(2))] = r.GetGuid(0));
        }

        var promotions = terms.Count(db, reads, batch.Select(p => p.Item.Command.BuyerId).Distinct().ToArray(), lockBudgets: lockFirst);
        await reads.RunAsync(stop);

        var remaining = rows.Values.ToDictionary(r => r.Id, r => r.Stock);
        var outcomes = new Outcome[batch.Count];
        var placedByKey = new Dictionary<(Guid, string), int>();
        var newOrders = new List<Order>();
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i].Item;
            if (p.Command.IdempotencyKey is { } key)
            {
                if (existingByKey.TryGetValue((p.Command.BuyerId, key), out var existing)) { outcomes[i] = new(null, existing, null, null); continue; }
                if (placedByKey.TryGetValue((p.Command.BuyerId, key), out var first)) { outcomes[i] = new(null, null, first, null); continue; }
            }
            var error = Check(p, rows, remaining);
            if (error is not null) { outcomes[i] = new(null, null, null, error); continue; }
            PricedCart priced;
            try { priced = promotions.Price(CartOf(p, rows)); }
            catch (SprigException e) { outcomes[i] = new(null, null, null, e); continue; }

            foreach (var (skuId, qty) in p.Lines) remaining[skuId] -= qty;
            var order = Build(p, rows, priced, now, payBy);
            promotions.Take(priced);
            newOrders.Add(order);
            outcomes[i] = new(order, null, null, null);
            if (p.Command.IdempotencyKey is { } k) placedByKey[(p.Command.BuyerId, k)] = i;
        }

        // the new rows first (without locks first, they hold nothing another batch waits for), in bulk: they have
        // nothing to track, and the cost of a batch is mostly this
        await BulkInsert.InsertAsync(db, newOrders, stop);
        await BulkInsert.InsertAsync(db, newOrders.SelectMany(o => o.Lines).ToList(), stop);
        // each placed order is an analytics fact (the funnel's "order" step), committed with it
        await Analytics.Facts.AddAsync(db, newOrders.Select(o => Analytics.Facts.Placed(o, now)).ToList(), stop);
        // orders a creator brought: their commission rates are snapshotted with the order
        await BulkInsert.InsertAsync(db, await AffiliateDesk.ForNewOrdersAsync(db, newOrders, now, stop), stop);

        // then the counters, in one round trip on PostgreSQL and in a fixed order (SKUs by id, then the promotions'),
        // each guarded: one decrement per SKU
        var writes = new StatementBatch(db);
        foreach (var row in rows.Values.OrderBy(r => r.Id))
        {
            var taken = row.Stock - remaining[row.Id];
            if (taken == 0) continue;
            writes.Execute($"""UPDATE "Skus" SET "Stock" = "Stock" - {taken} WHERE "Id" = {row.Id} AND "Stock" >= {taken}""",
                n => { if (n != 1) throw new DbUpdateConcurrencyException($"Stock of SKU {row.Id} is less than {taken}."); });
        }
        promotions.WriteCounters(writes);
        await writes.RunAsync(stop);

        var existingIds = outcomes.Where(o => o.Existing is not null).Select(o => o.Existing!.Value).Distinct().ToArray();
        var existingOrders = existingIds.Length == 0
            ? new Dictionary<Guid, Order>()
            : await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments)
                .Where(o => existingIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, stop);
        return (outcomes, existingOrders);
    }

    private static SprigException? Check(Request p, Dictionary<Guid, SkuRow> rows, Dictionary<Guid, int> remaining)
    {
        Guid? shopId = null;
        foreach (var (skuId, qty) in p.Lines)
        {
            if (!rows.TryGetValue(skuId, out var row)) return new SprigException(404, "not_found", $"SKU {skuId} was not found.");
            if (row.ShopStatus != ShopStatus.Open) return new SprigException(409, "shop_not_open", "The shop is not open.");
            if (row.ProductStatus == ProductStatus.BlockedByPlatform) return Blocked(row.Title);
            if (row.ProductStatus != ProductStatus.Listed) return new SprigException(409, "not_listed", $"{row.Title} is not on sale.");
            if (shopId is not null && shopId != row.ShopId)
                return SprigException.Validation("items", "an order holds the SKUs of one shop; place one order per shop");
            shopId = row.ShopId;
        }
        foreach (var (skuId, qty) in p.Lines)
        {
            if (remaining[skuId] < qty)
                return new SprigException(409, "out_of_stock", $"{rows[skuId].Title} ({rows[skuId].Name}) has not enough stock.");
        }
        return null;
    }

    /// <summary>A product the platform took off sale: its own code, so a cart can say why it cannot be bought (not "sold out", not "delisted").</summary>
    public static SprigException Blocked(string title) => new(409, "product_blocked", $"{title} was taken off sale by the platform.");

    private static Cart CartOf(Request p, Dictionary<Guid, SkuRow> rows) => new(
        p.Command.BuyerId, rows[p.Lines[0].SkuId].ShopId,
        p.Lines.Select(l => new CartLine(l.SkuId, rows[l.SkuId].ProductId, rows[l.SkuId].Price, l.Quantity)).ToList(),
        p.Command.CouponIds?.Distinct().ToList() ?? []);

    private static Order Build(Request p, Dictionary<Guid, SkuRow> rows, PricedCart priced, DateTimeOffset now, DateTimeOffset payBy)
    {
        var c = p.Command;
        var orderId = Ids.New();
        var lines = priced.Lines.Select(l =>
        {
            var row = rows[l.SkuId];
            return new OrderLine
            {
                Id = l.LineId,
                OrderId = orderId,
                SkuId = row.Id,
                ProductId = row.ProductId,
                Title = row.Title,
                SkuName = row.Name,
                Quantity = l.Quantity,
                UnitPrice = l.UnitPrice,
                FlashSaleId = l.FlashSaleId,
                CampaignId = l.CampaignId,
                Original = l.Price.Original,
                ShopDiscount = l.Price.ShopDiscount,
                PlatformDiscount = l.Price.PlatformDiscount,
                CampaignSubsidy = l.Price.Subsidy,
                Paid = l.Price.Paid,
                ShippingHours = Product.ShippingHoursFor(row.StockKind, row.PresaleShipDays, row.ShippingHours),
            };
        }).ToList();
        var q = priced.Quote;
        return new Order
        {
            Id = orderId,
            BuyerId = c.BuyerId,
            ShopId = priced.Cart.ShopId,
            Original = q.Original,
            ShopDiscount = q.ShopDiscount,
            PlatformDiscount = q.PlatformDiscount,
            Paid = q.Paid,
            ShopCouponId = priced.ShopCoupon?.CouponId,
            PlatformCouponId = priced.PlatformCoupon?.CouponId,
            ShopBuyerCouponId = priced.ShopCoupon?.Id,
            PlatformBuyerCouponId = priced.PlatformCoupon?.Id,
            Address = c.Address! with { Name = c.Address.Name.Trim(), Phone = c.Address.Phone.Trim() },
            Scene = p.Scene,
            ImpressionId = c.ImpressionId,
            ContentId = c.ContentId,
            CreatorId = c.CreatorId,
            SharerChain = c.SharerChain is { Count: > 0 } chain ? string.Join(',', chain) : null,
            TrafficPool = c.TrafficPool,
            IdempotencyKey = c.IdempotencyKey,
            CreatedAt = now,
            PayBy = payBy,
            Lines = lines,
        };
    }
}
