using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Promotions;

/// <summary>A SKU in a cart at its own price.</summary>
public sealed record CartLine(Guid SkuId, Guid ProductId, long Price, int Quantity);

/// <summary>One shop's cart of one buyer, with the buyer's coupons to apply.</summary>
public sealed record Cart(Guid BuyerId, Guid ShopId, IReadOnlyList<CartLine> Lines, IReadOnlyList<Guid> CouponIds);

/// <summary>A cart line at the price it sells at (a flash sale's or a campaign's, or its own) and its discounts.</summary>
public sealed record PricedCartLine(Guid LineId, Guid SkuId, int Quantity, long UnitPrice, Guid? FlashSaleId, Guid? CampaignId, Guid? BudgetId, PricedLine Price);

public sealed record PricedCart(Cart Cart, IReadOnlyList<PricedCartLine> Lines, Quote Quote, BuyerCoupon? ShopCoupon, BuyerCoupon? PlatformCoupon);

/// <summary>
/// The promotions of one checkout batch: flash sales and campaigns on its SKUs, the buyers' coupons and the
/// budgets they draw on, read once inside the batch's transaction and counted down in memory as orders are
/// accepted, like stock. <see cref="WriteCounters"/> then adds one guarded update per flash sale, per budget and
/// per buyer's flash count to the batch's writes, so a quota, a budget or a per-buyer limit can never be passed
/// however many checkouts race, whether the batch read its counters under locks or not (a coupon's second use is
/// refused by the orders' unique index).
/// </summary>
public sealed class CheckoutPromotions
{
    /// <summary>What pricing needs of a flash sale; <see cref="Sold"/> as read under the SKU's lock.</summary>
    private sealed record Flash(Guid Id, long Price, int Quota, int Sold, int PerBuyerLimit);

    private readonly Dictionary<Guid, Flash> _flashBySku = [];
    private readonly Dictionary<(Guid Sale, Guid Buyer), int> _flashHeld = [];
    private readonly Dictionary<Guid, (CampaignEntry Entry, Campaign Campaign)> _campaignBySku;
    private readonly Dictionary<Guid, (BuyerCoupon Mine, Coupon Coupon)> _coupons;
    private readonly Dictionary<Guid, (long Total, long Drawn)> _budgets = [];
    private readonly HashSet<Guid> _used = [];
    private readonly Dictionary<Guid, int> _flashTaken = [];
    private readonly Dictionary<(Guid Sale, Guid Buyer), int> _flashBought = [];
    private readonly Dictionary<Guid, long> _drawn = [];
    private readonly DateTimeOffset _now;

    private CheckoutPromotions(DateTimeOffset now, Dictionary<Guid, (CampaignEntry, Campaign)> campaigns, Dictionary<Guid, (BuyerCoupon, Coupon)> coupons)
    {
        _now = now;
        _campaignBySku = campaigns;
        _coupons = coupons;
    }

    /// <summary>Reads what a batch needs; with <paramref name="lockBudgets"/> the budgets are locked until the batch commits.</summary>
    public static async Task<CheckoutPromotions> LoadAsync(SprigDb db, IReadOnlyCollection<Guid> skuIds, IReadOnlyCollection<Guid> buyerIds,
        IReadOnlyCollection<Guid> couponIds, DateTimeOffset now, bool lockBudgets, CancellationToken ct)
    {
        var terms = await TermsAsync(db, skuIds, couponIds, now, ct);
        var reads = new StatementBatch(db);
        var promotions = terms.Count(db, reads, buyerIds, lockBudgets);
        await reads.RunAsync(ct);
        return promotions;
    }

    /// <summary>
    /// The first half of <see cref="LoadAsync"/>: what the batch's promotions are (campaign entries, the coupons
    /// named, which flash sales are on), none of it a counter, so checkout reads it before taking its locks and the other writer's batch
    /// need not wait for it.
    /// </summary>
    public static async Task<Terms> TermsAsync(SprigDb db, IReadOnlyCollection<Guid> skuIds, IReadOnlyCollection<Guid> couponIds,
        DateTimeOffset now, CancellationToken ct)
    {
        var skus = skuIds.ToArray();
        var campaigns = (await db.CampaignEntries.AsNoTracking()
                .Where(e => skus.Contains(e.SkuId) && e.Status == EntryStatus.Approved)
                .Join(db.Campaigns.AsNoTracking().Where(c => c.Status == PromotionStatus.Active && c.StartsAt <= now && c.EndsAt > now),
                    e => e.CampaignId, c => c.Id, (e, c) => new { e, c })
                .ToListAsync(ct))
            .GroupBy(x => x.e.SkuId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.e.Price).Select(x => (x.e, x.c)).First());

        // which flash sales are on: their counters are read under the locks, and a batch of SKUs without one skips them
        var flashSales = await db.FlashSales.Where(f => skus.Contains(f.SkuId) && f.Status == PromotionStatus.Active && f.StartsAt <= now && f.EndsAt > now)
            .Select(f => f.Id).ToArrayAsync(ct);

        var coupons = new Dictionary<Guid, (BuyerCoupon, Coupon)>();
        if (couponIds.Count > 0)
        {
            var ids = couponIds.ToArray();
            // EF.Parameter: one array (json_each on SQLite) for hundreds of ids, not a parameter each and a plan per count
            var copies = await db.BuyerCoupons.AsNoTracking().Where(b => EF.Parameter(ids).Contains(b.Id)).ToListAsync(ct);
            // the coupons themselves are few (many copies of one coupon): read each once
            var couponIdsOf = copies.Select(b => b.CouponId).Distinct().ToArray();
            var issued = await db.Coupons.AsNoTracking().Where(c => couponIdsOf.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            foreach (var b in copies) coupons[b.Id] = (b, issued[b.CouponId]);
        }
        return new Terms(flashSales, campaigns, coupons, now);
    }

    /// <summary>What a batch's promotions are; <see cref="CountAsync"/> adds what is left of them.</summary>
    public sealed class Terms
    {
        private readonly Guid[] _flashSales;
        private readonly Dictionary<Guid, (CampaignEntry, Campaign)> _campaigns;
        private readonly Dictionary<Guid, (BuyerCoupon, Coupon)> _coupons;
        private readonly DateTimeOffset _now;

        internal Terms(Guid[] flashSales, Dictionary<Guid, (CampaignEntry, Campaign)> campaigns, Dictionary<Guid, (BuyerCoupon, Coupon)> coupons, DateTimeOffset now)
        {
            _flashSales = flashSales;
            _campaigns = campaigns;
            _coupons = coupons;
            _now = now;
        }

        /// <summary>
        /// The second half: the counters, added to <paramref name="reads"/> (the batch's reads, under its SKU locks
        /// if it takes them first, which guard the flash sales and their buyers' counts): flash sales sold, the
        /// buyers' flash counts, which coupons a live order already names, and the budgets, locked with
        /// <paramref name="lockBudgets"/> on PostgreSQL. The promotions returned are ready once the reads have run.
        /// </summary>
        public CheckoutPromotions Count(SprigDb db, StatementBatch reads, IReadOnlyCollection<Guid> buyerIds, bool lockBudgets)
        {
            var now = _now;
            var saleIds = _flashSales;
            var promotions = new CheckoutPromotions(now, _campaigns, _coupons);

            if (saleIds.Length > 0)
            {
                // still on now (a pause since the terms were read counts), and how many sold
                reads.Query(db.FlashSales.Where(f => saleIds.Contains(f.Id) && f.Status == PromotionStatus.Active && f.StartsAt <= now && f.EndsAt > now)
                        .Select(f => new { f.Id, f.SkuId, f.Price, f.Quota, f.Sold, f.PerBuyerLimit }), r =>
                {
                    var (sku, sale) = (r.GetGuid(1), new Flash(r.GetGuid(0), r.GetInt64(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)));
                    // the lowest price if two sales overlap
                    if (!promotions._flashBySku.TryGetValue(sku, out var other) || sale.Price < other.Price) promotions._flashBySku[sku] = sale;
                });
                var buyers = buyerIds.ToArray();
                // EF.Parameter: one array (json_each on SQLite) for hundreds of ids, not a parameter each and a plan per count
                reads.Query(db.FlashSaleBuyers.Where(b => saleIds.Contains(b.FlashSaleId) && EF.Parameter(buyers).Contains(b.BuyerId))
                        .Select(b => new { b.FlashSaleId, b.BuyerId, b.Quantity }),
                    r => promotions._flashHeld[(r.GetGuid(0), r.GetGuid(1))] = r.GetInt32(2));
            }

            if (_coupons.Count > 0)
            {
                // a shop coupon's copy can only be an order's shop coupon, a platform one its platform coupon: one probe each
                UsedQuery(db, reads, _coupons.Where(c => c.Value.Item2.Funding == CouponFunding.Shop).Select(c => c.Key).ToArray(),
                    _coupons.Where(c => c.Value.Item2.Funding != CouponFunding.Shop).Select(c => c.Key).ToArray(), promotions._used);
            }

            var budgetIds = _campaigns.Values.Select(c => c.Item2.BudgetId)
                .Concat(_coupons.Values.Where(c => c.Item2.BudgetId is not null).Select(c => c.Item2.BudgetId!.Value))
                .Distinct().Order().ToArray();
            if (budgetIds.Length > 0)
            {
                var budgets = lockBudgets && db.IsPostgres
                    // locked as read; after the SKU locks, in id order, so no two batches deadlock
                    ? db.SubsidyBudgets.FromSql($"""SELECT * FROM "SubsidyBudgets" WHERE "Id" = ANY({budgetIds}) ORDER BY "Id" FOR UPDATE""")
                    : db.SubsidyBudgets.Where(b => budgetIds.Contains(b.Id));
                reads.Query(budgets.Select(b => new { b.Id, b.Total, b.Drawn }), r => promotions._budgets[r.GetGuid(0)] = (r.GetInt64(1), r.GetInt64(2)));
            }
            return promotions;
        }
    }

    /// <summary>Prices a cart against what is left now; changes nothing (see <see cref="Take"/>).</summary>
    public PricedCart Price(Cart cart)
    {
        var (shopCoupon, platformCoupon) = CouponsOf(cart);
        // loops, not LINQ: this runs for every order of a checkout batch
        var n = cart.Lines.Count;
        var sold = new (Guid LineId, long UnitPrice, Guid? Flash, Guid? Campaign, Guid? Budget)[n];
        var priceLines = new PriceLine[n];
        for (var i = 0; i < n; i++)
        {
            var l = cart.Lines[i];
            var lineId = Ids.New();
            long subsidy = 0;
            if (FlashPriceFor(cart.BuyerId, l) is { } sale)
            {
                sold[i] = (lineId, sale.Price, sale.Id, null, null);
            }
            else if (_campaignBySku.TryGetValue(l.SkuId, out var c))
            {
                sold[i] = (lineId, c.Entry.Price, null, c.Campaign.Id, c.Campaign.BudgetId);
                subsidy = Allocation.ApplyBps(checked(c.Entry.Price * l.Quantity), c.Campaign.SubsidyBps);
            }
            else
            {
                sold[i] = (lineId, l.Price, null, null, null);
            }
            priceLines[i] = new PriceLine(lineId, l.ProductId, checked(sold[i].UnitPrice * l.Quantity), l.Quantity, subsidy);
        }

        var quote = PriceCalculator.Price(priceLines, shopCoupon?.Coupon, platformCoupon?.Coupon);
        if (shopCoupon is not null && quote.ShopCoupon is null) throw NotApplicable("The shop coupon's condition is not met by this order.");
        if (platformCoupon is not null && quote.PlatformCoupon is null) throw NotApplicable("The platform coupon's condition is not met by this order.");

        var priced = new PricedCartLine[n];
        for (var i = 0; i < n; i++)
        {
            var (lineId, unitPrice, flash, campaign, budget) = sold[i];
            priced[i] = new PricedCartLine(lineId, cart.Lines[i].SkuId, cart.Lines[i].Quantity, unitPrice, flash, campaign, budget, quote.Lines[i]);
        }
        // every budget the order draws on must hold all of the order's draws on it
        var draws = DrawsOf(priced, platformCoupon?.Coupon).ToList();
        foreach (var (budgetId, _) in draws)
        {
            long need = 0;
            foreach (var d in draws) if (d.BudgetId == budgetId) need += d.Amount;
            var (total, drawn) = _budgets[budgetId];
            if (need > total - drawn - _drawn.GetValueOrDefault(budgetId))
                throw new SprigException(409, "budget_exhausted", "The subsidy budget behind this discount has run out.");
        }
        return new PricedCart(cart, priced, quote, shopCoupon?.Mine, platformCoupon?.Mine);
    }

    /// <summary>Counts an accepted order against quotas, limits, coupons and budgets.</summary>
    public void Take(PricedCart priced)
    {
        foreach (var line in priced.Lines.Where(l => l.FlashSaleId is not null))
        {
            var saleId = line.FlashSaleId!.Value;
            var key = (saleId, priced.Cart.BuyerId);
            _flashTaken[saleId] = _flashTaken.GetValueOrDefault(saleId) + line.Quantity;
            _flashBought[key] = _flashBought.GetValueOrDefault(key) + line.Quantity;
        }
        if (priced.ShopCoupon is { } shop) _used.Add(shop.Id);
        if (priced.PlatformCoupon is { } platform) _used.Add(platform.Id);
        // what each line drew is on the line itself (its platform discount, of it the campaign's subsidy): no row of its own
        foreach (var (budgetId, amount) in DrawsOf(priced.Lines, priced.PlatformCoupon is null ? null : _coupons[priced.PlatformCoupon.Id].Coupon))
            _drawn[budgetId] = _drawn.GetValueOrDefault(budgetId) + amount;
    }

    /// <summary>
    /// Adds what the accepted orders took to the batch's writes (its transaction, and on PostgreSQL its round
    /// trip), flash sales before budgets, each guarded: a bound it would pass throws
    /// <see cref="DbUpdateConcurrencyException"/>, because what the batch read has moved since.
    /// </summary>
    public void WriteCounters(StatementBatch writes)
    {
        foreach (var (saleId, taken) in _flashTaken.OrderBy(f => f.Key))
        {
            writes.Execute($"""UPDATE "FlashSales" SET "Sold" = "Sold" + {taken} WHERE "Id" = {saleId} AND "Sold" + {taken} <= "Quota" """,
                n => { if (n != 1) throw new DbUpdateConcurrencyException($"Flash sale {saleId} has fewer than {taken} left."); });
        }
        foreach (var (budgetId, amount) in _drawn.Where(d => d.Value > 0).OrderBy(d => d.Key))
        {
            writes.Execute($"""UPDATE "SubsidyBudgets" SET "Drawn" = "Drawn" + {amount} WHERE "Id" = {budgetId} AND "Drawn" + {amount} <= "Total" """,
                n => { if (n != 1) throw new DbUpdateConcurrencyException($"Budget {budgetId} has less than {amount} left."); });
        }
        // the buyers' counts, set-based (not one tracked entity per row: this runs once per batch on the hot path),
        // per sale so its limit is part of the statement. A count that would pass the limit is left as it is, so the
        // rows changed fall short. Counts read as there are updated; the rest inserted, or added to if another batch
        // inserted them since.
        foreach (var sale in _flashBought.GroupBy(b => b.Key.Sale).OrderBy(g => g.Key))
        {
            var limit = _flashBySku.Values.First(f => f.Id == sale.Key).PerBuyerLimit;
            var rows = sale.OrderBy(b => b.Key.Buyer).Select(b => new FlashSaleBuyer { FlashSaleId = b.Key.Sale, BuyerId = b.Key.Buyer, Quantity = b.Value }).ToList();
            void Guarded(List<FlashSaleBuyer> part, Func<string, string> statement) => writes.Apply(part, statement,
                n => { if (n != part.Count) throw new DbUpdateConcurrencyException("A buyer's flash-sale count has moved past the limit."); });
            Guarded(rows.Where(r => _flashHeld.ContainsKey((r.FlashSaleId, r.BuyerId))).ToList(), source => $"""
                UPDATE "FlashSaleBuyers" SET "Quantity" = "FlashSaleBuyers"."Quantity" + s."Quantity" FROM {source} AS s
                WHERE "FlashSaleBuyers"."FlashSaleId" = s."FlashSaleId" AND "FlashSaleBuyers"."BuyerId" = s."BuyerId"
                  AND "FlashSaleBuyers"."Quantity" + s."Quantity" <= {limit}
                """);
            Guarded(rows.Where(r => !_flashHeld.ContainsKey((r.FlashSaleId, r.BuyerId))).ToList(), source => $"""
                INSERT INTO "FlashSaleBuyers" ("FlashSaleId", "BuyerId", "Quantity")
                SELECT s."FlashSaleId", s."BuyerId", s."Quantity" FROM {source} AS s WHERE true
                ON CONFLICT ("FlashSaleId", "BuyerId") DO UPDATE SET "Quantity" = "FlashSaleBuyers"."Quantity" + excluded."Quantity"
                WHERE "FlashSaleBuyers"."Quantity" + excluded."Quantity" <= {limit}
                """);
        }
    }

    /// <summary>Which of these claimed coupons a live (not cancelled) order already names.</summary>
    public static async Task<HashSet<Guid>> UsedAsync(SprigDb db, Guid[] copyIds, CancellationToken ct)
    {
        var used = new HashSet<Guid>();
        var reads = new StatementBatch(db);
        UsedQuery(db, reads, copyIds, copyIds, used);
        await reads.RunAsync(ct);
        return used;
    }

    private static void UsedQuery(SprigDb db, StatementBatch reads, Guid[] asShop, Guid[] asPlatform, HashSet<Guid> used)
    {
        if (db.IsPostgres)
        {
            // LATERAL ... LIMIT 1 keeps each copy one probe of its partial unique index. Asked as EXISTS or IN,
            // PostgreSQL may hash a scan of all orders instead, or start parallel workers (~15 ms each time) for
            // what are a few hundred probes: on the checkout batch, under its locks, that was its largest cost.
            const int cancelled = (int)Ordering.OrderStatus.Cancelled;
            reads.Query(db.Database.SqlQueryRaw<Guid>($"""
                SELECT c."Value" FROM unnest(@shop) AS c("Value")
                CROSS JOIN LATERAL (SELECT 1 FROM "Orders" AS o WHERE o."ShopBuyerCouponId" = c."Value" AND o."Status" <> {cancelled} LIMIT 1) AS u
                UNION ALL
                SELECT c."Value" FROM unnest(@platform) AS c("Value")
                CROSS JOIN LATERAL (SELECT 1 FROM "Orders" AS o WHERE o."PlatformBuyerCouponId" = c."Value" AND o."Status" <> {cancelled} LIMIT 1) AS u
                """, new NpgsqlParameter("shop", asShop), new NpgsqlParameter("platform", asPlatform)), r => used.Add(r.GetGuid(0)));
            return;
        }
        // each half in the shape of its partial unique index, so each copy is one index probe
        var live = db.Orders.Where(o => o.Status != Ordering.OrderStatus.Cancelled);
        reads.Query(live.Where(o => o.ShopBuyerCouponId != null && EF.Parameter(asShop).Contains(o.ShopBuyerCouponId.Value))
            .Select(o => o.ShopBuyerCouponId!.Value)
            .Concat(live.Where(o => o.PlatformBuyerCouponId != null && EF.Parameter(asPlatform).Contains(o.PlatformBuyerCouponId.Value))
                .Select(o => o.PlatformBuyerCouponId!.Value)), r => used.Add(r.GetGuid(0)));
    }

    private Flash? FlashPriceFor(Guid buyerId, CartLine line)
    {
        if (!_flashBySku.TryGetValue(line.SkuId, out var sale)) return null;
        var left = sale.Quota - sale.Sold - _flashTaken.GetValueOrDefault(sale.Id);
        if (left <= 0) return null; // sold out at the flash price: the SKU sells at its own price again
        if (line.Quantity > left)
            throw new SprigException(409, "flash_sale_sold_out", $"Only {left} left at the flash price.");
        var held = _flashHeld.GetValueOrDefault((sale.Id, buyerId)) + _flashBought.GetValueOrDefault((sale.Id, buyerId));
        if (held + line.Quantity > sale.PerBuyerLimit)
            throw new SprigException(409, "limit_reached", $"At most {sale.PerBuyerLimit} per buyer at the flash price; you have {held}.");
        return sale;
    }

    private ((BuyerCoupon Mine, Coupon Coupon)? Shop, (BuyerCoupon Mine, Coupon Coupon)? Platform) CouponsOf(Cart cart)
    {
        (BuyerCoupon, Coupon)? shop = null, platform = null;
        foreach (var id in cart.CouponIds)
        {
            if (!_coupons.TryGetValue(id, out var found) || found.Item1.BuyerId != cart.BuyerId)
                throw new SprigException(404, "not_found", $"Coupon {id} is not one of your coupons.");
            var (mine, coupon) = found;
            if (_used.Contains(mine.Id)) throw new SprigException(409, "coupon_used", "This coupon has already been used.");
            if (_now >= mine.ExpiresAt) throw new SprigException(409, "coupon_expired", "This coupon has expired.");
            if (coupon.Status != PromotionStatus.Active) throw new SprigException(409, "coupon_unavailable", $"The coupon is {coupon.Status.ToString().ToLowerInvariant()}.");
            if (coupon.Funding == CouponFunding.Shop)
            {
                if (coupon.ShopId != cart.ShopId) throw NotApplicable("This coupon is for another shop's goods.");
                if (shop is not null) throw SprigException.Validation("couponIds", "at most one shop coupon per order");
                shop = found;
            }
            else
            {
                if (platform is not null) throw SprigException.Validation("couponIds", "at most one platform coupon per order");
                platform = found;
            }
        }
        return (shop, platform);
    }

    private static IEnumerable<(Guid BudgetId, long Amount)> DrawsOf(IEnumerable<PricedCartLine> lines, Coupon? platformCoupon)
    {
        foreach (var l in lines)
        {
            if (l.Price.Subsidy > 0) yield return (l.BudgetId!.Value, l.Price.Subsidy);
            if (l.Price.PlatformCouponDiscount > 0) yield return (platformCoupon!.BudgetId!.Value, l.Price.PlatformCouponDiscount);
        }
    }

    private static SprigException NotApplicable(string detail) => new(422, "coupon_not_applicable", detail);
}
