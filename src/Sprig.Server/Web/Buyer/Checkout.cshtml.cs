using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Promotions;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>
/// Checkout of one shop's items: the price from Ordering's quote (the calculator checkout uses, as POST
/// /api/orders/quote), the best combination of the buyer's coupons chosen unless the buyer picks others, and the
/// order placed through OrderPlacement with the attribution resolved, as POST /api/orders does.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(WebSetup.SignedIn)]
public sealed class CheckoutModel(OrderQuotes quotes, OrderPlacement placement, SprigDb db, TimeProvider clock) : WebPage
{
    public sealed record SkuInfo(string Title, string SkuName);
    public sealed record UsableCoupon(Guid CopyId, Coupon Coupon);

    [BindProperty(SupportsGet = true)] public string? Items { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? Line { get; set; }
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public List<Guid> CouponIds { get; set; } = [];

    public OrderQuote? Quote { get; private set; }
    public OrderTrail Trail { get; private set; } = new(null, null, null, null);
    public Dictionary<Guid, SkuInfo> Skus { get; private set; } = [];
    public List<UsableCoupon> Usable { get; private set; } = [];
    public IReadOnlyList<Guid> ChosenIds { get; private set; } = [];
    public bool IsBest { get; private set; }
    public string? ShopName { get; private set; }

    /// <summary>From the product page's "buy now": the SKU and quantity become this page's items.</summary>
    public IActionResult OnPostStart(Guid sku, int? qty)
    {
        var trail = OrderTrail.From(Request.Form);
        return LocalRedirect($"/checkout?items={CartCookie.Format([(sku, Math.Clamp(qty ?? 1, 1, PlaceOrder.MaxQuantityPerLine))])}{trail.Query()}");
    }

    public async Task<IActionResult> OnGetAsync(string? shopCoupon, string? platformCoupon, CancellationToken ct)
    {
        Trail = OrderTrail.From(Request.Query);
        Key = Guid.NewGuid().ToString("N");
        // the buyer's last address, so a second order is two clicks
        var last = await db.Orders.AsNoTracking().Where(o => o.BuyerId == Me).OrderByDescending(o => o.Id).Select(o => o.Address).FirstOrDefaultAsync(ct);
        (Name, Phone, Region, Line) = (last?.Name, last?.Phone, last?.Region, last?.Line);
        IReadOnlyList<Guid>? chosen = shopCoupon is null && platformCoupon is null ? null
            : new[] { shopCoupon, platformCoupon }.Where(c => Guid.TryParse(c, out _)).Select(c => Guid.Parse(c!)).ToList();
        try
        {
            await PriceAsync(chosen, ct);
        }
        catch (SprigException e)
        {
            await FailAsync(e);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Trail = OrderTrail.From(Request.Form);
        try
        {
            var lines = CartCookie.Parse(Items);
            var source = new OrderSource(Trail.Imp, Trail.Share, Trail.Scene, Trail.Cid, null, null, null);
            source = Attribution.NamesRecords(source)
                ? await Attribution.ResolveAsync(db, Me, source, lines.Select(l => l.SkuId).ToList(), ct)
                : Attribution.Claimed(source);
            var order = await placement.PlaceAsync(new PlaceOrder(Me, lines.Select(l => new OrderItem(l.SkuId, l.Quantity)).ToList(),
                new Address(Name ?? "", Phone ?? "", Region ?? "", Line ?? ""), source.Scene, source.ImpressionId, source.ContentId, source.CreatorId,
                source.SharerChain, source.TrafficPool, Key is { Length: > 0 and <= 64 } ? "web-" + Key : null, CouponIds.Count == 0 ? null : CouponIds), ct);
            // what was ordered leaves the cart
            var ordered = lines.Select(l => l.SkuId).ToHashSet();
            CartCookie.Write(Response, CartCookie.Read(Request).Where(c => !ordered.Contains(c.SkuId)));
            TempData[NoticeKey] = Say("checkout.placed");
            return LocalRedirect($"/orders/{order.Id}");
        }
        catch (SprigException e)
        {
            await FailAsync(e);
            try { await PriceAsync(CouponIds, ct); } catch (SprigException) { Quote = null; }
            return Page();
        }
    }

    private async Task PriceAsync(IReadOnlyList<Guid>? chosen, CancellationToken ct)
    {
        var lines = CartCookie.Parse(Items);
        var items = lines.Select(l => new OrderItem(l.SkuId, l.Quantity)).ToList();
        var quote = await quotes.QuoteAsync(Me, items, chosen, ct);
        if (chosen is null && quote.BestCouponIds.Count > 0) quote = await quotes.QuoteAsync(Me, items, quote.BestCouponIds, ct);
        Quote = quote;
        ChosenIds = quote.Chosen.Cart.CouponIds;
        IsBest = quote.Chosen.Quote.Paid <= quote.Best.Paid;
        Items = CartCookie.Format(lines);

        var skuIds = lines.Select(l => l.SkuId).ToArray();
        Skus = await db.Skus.AsNoTracking().Where(s => skuIds.Contains(s.Id)).Join(db.Products.AsNoTracking(), s => s.ProductId, p => p.Id, (s, p) => new { s.Id, p.Title, s.Name })
            .ToDictionaryAsync(x => x.Id, x => new SkuInfo(x.Title, x.Name), ct);
        var shopId = quote.Chosen.Cart.ShopId;
        ShopName = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => s.Name).FirstOrDefaultAsync(ct);

        // the buyer's coupons this order could use: unexpired, unused, of this shop or the platform
        var now = clock.GetUtcNow();
        var copies = await db.BuyerCoupons.AsNoTracking().Where(b => b.BuyerId == Me && b.ExpiresAt > now)
            .Join(db.Coupons.AsNoTracking().Where(c => c.Status == PromotionStatus.Active && (c.ShopId == shopId || c.Funding == CouponFunding.Platform)),
                b => b.CouponId, c => c.Id, (b, c) => new { b.Id, c }).ToListAsync(ct);
        var used = await CheckoutPromotions.UsedAsync(db, copies.Select(c => c.Id).ToArray(), ct);
        Usable = copies.Where(c => !used.Contains(c.Id)).DistinctBy(c => c.c.Id).Select(c => new UsableCoupon(c.Id, c.c)).ToList();
        // the chosen copy is listed even when another copy of the same coupon came first
        foreach (var id in ChosenIds.Where(id => Usable.All(u => u.CopyId != id)))
            if (copies.FirstOrDefault(c => c.Id == id) is { } chosenCopy) Usable.Add(new UsableCoupon(chosenCopy.Id, chosenCopy.c));
    }
}
