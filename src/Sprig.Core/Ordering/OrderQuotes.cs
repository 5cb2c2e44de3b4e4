using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Promotions;

namespace Sprig.Ordering;

/// <summary>A cart priced with the coupons the buyer chose, and the best combination of the buyer's coupons.</summary>
public sealed record OrderQuote(PricedCart Chosen, Quote Best, IReadOnlyList<Guid> BestCouponIds);

/// <summary>
/// Prices a cart the way checkout will (the same <see cref="CheckoutPromotions"/> and price calculator), without
/// writing anything, and suggests the buyer's best coupons: at most one of the shop's and one of the platform's.
/// </summary>
public sealed class OrderQuotes(SprigDb db, TimeProvider clock)
{
    public async Task<OrderQuote> QuoteAsync(Guid buyerId, IReadOnlyList<OrderItem>? items, IReadOnlyList<Guid>? couponIds, CancellationToken ct = default)
    {
        var v = new Validator();
        PlaceOrder.CheckItems(v, items);
        v.Require(couponIds is null || couponIds.Distinct().Count() <= 2, "couponIds", "at most one shop coupon and one platform coupon")
         .ThrowIfInvalid();
        var lines = PlaceOrder.LinesOf(items!);
        var now = clock.GetUtcNow();

        var skuIds = lines.Select(l => l.SkuId).ToArray();
        var skus = await db.Skus.AsNoTracking().Where(s => skuIds.Contains(s.Id))
            .Join(db.Products.AsNoTracking(), s => s.ProductId, p => p.Id, (s, p) => new { s, p.Status, p.Title })
            .ToDictionaryAsync(x => x.s.Id, ct);
        foreach (var (skuId, _) in lines)
        {
            if (!skus.TryGetValue(skuId, out var x)) throw new SprigException(404, "not_found", $"SKU {skuId} was not found.");
            if (x.Status == ProductStatus.BlockedByPlatform) throw OrderPlacement.Blocked(x.Title);
            if (x.Status != ProductStatus.Listed) throw new SprigException(409, "not_listed", $"{x.Title} is not on sale.");
        }
        var shopIds = skus.Values.Select(x => x.s.ShopId).Distinct().ToList();
        if (shopIds.Count > 1) throw SprigException.Validation("items", "an order holds the SKUs of one shop; quote one order per shop");
        var shopId = shopIds[0];

        // the buyer's coupons that could apply: unused, unexpired, of this shop or the platform, still active
        var claimed = await db.BuyerCoupons.AsNoTracking()
            .Where(b => b.BuyerId == buyerId && b.ExpiresAt > now)
            .Join(db.Coupons.AsNoTracking().Where(c => c.Status == PromotionStatus.Active && (c.ShopId == shopId || c.Funding == CouponFunding.Platform)),
                b => b.CouponId, c => c.Id, (b, c) => new { b.Id, b.ExpiresAt, c })
            .ToListAsync(ct);
        var used = await CheckoutPromotions.UsedAsync(db, claimed.Select(u => u.Id).ToArray(), ct);
        var usable = claimed.Where(u => !used.Contains(u.Id)).ToList();
        var chosenIds = couponIds?.Distinct().ToList() ?? [];
        var promotions = await CheckoutPromotions.LoadAsync(db, skuIds, [buyerId], chosenIds.Concat(usable.Select(u => u.Id)).Distinct().ToArray(),
            now, lockBudgets: false, ct);

        var cart = new Cart(buyerId, shopId, lines.Select(l => new CartLine(l.SkuId, skus[l.SkuId].s.ProductId, skus[l.SkuId].s.Price, l.Quantity)).ToList(), chosenIds);
        var chosen = promotions.Price(cart);
        var plain = promotions.Price(cart with { CouponIds = [] });

        // a platform coupon whose budget is spent cannot be suggested
        var budgetIds = usable.Where(u => u.c.BudgetId is not null).Select(u => u.c.BudgetId!.Value).Distinct().ToArray();
        var spent = await db.SubsidyBudgets.AsNoTracking().Where(b => budgetIds.Contains(b.Id) && b.Drawn >= b.Total).Select(b => b.Id).ToListAsync(ct);
        var candidates = usable.Where(u => u.c.BudgetId is null || !spent.Contains(u.c.BudgetId.Value)).ToList();
        var priceLines = plain.Lines.Select(l => new PriceLine(l.LineId, cart.Lines.First(c => c.SkuId == l.SkuId).ProductId, l.Price.Original, l.Quantity, l.Price.Subsidy)).ToList();
        var best = PriceCalculator.Best(priceLines,
            candidates.Where(u => u.c.Funding == CouponFunding.Shop).Select(u => u.c).DistinctBy(c => c.Id).ToList(),
            candidates.Where(u => u.c.Funding == CouponFunding.Platform).Select(u => u.c).DistinctBy(c => c.Id).ToList());
        var bestIds = new[] { best.ShopCoupon, best.PlatformCoupon }.Where(c => c is not null)
            .Select(c => candidates.Where(u => u.c.Id == c!.Id).OrderBy(u => u.ExpiresAt).First().Id).ToList(); // the copy that expires first
        return new OrderQuote(chosen, best, bestIds);
    }
}
