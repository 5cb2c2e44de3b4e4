using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>The cart, one checkout per shop (an order holds the SKUs of one shop).</summary>
public sealed class CartModel(SprigDb db) : WebPage
{
    public sealed record Line(Guid SkuId, Guid ProductId, string Title, string SkuName, long Price, int Stock, int Quantity);
    public sealed record ShopCart(Guid ShopId, string ShopName, IReadOnlyList<Line> Lines)
    {
        public string Items => CartCookie.Format(Lines.Select(l => (l.SkuId, l.Quantity)));
    }

    public List<ShopCart> Shops { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var cart = CartCookie.Read(Request);
        var ids = cart.Select(c => c.SkuId).ToArray();
        var skus = await db.Skus.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Join(db.Products.AsNoTracking(), s => s.ProductId, p => p.Id, (s, p) => new { s.Id, s.ShopId, s.ProductId, p.Title, s.Name, s.Price, s.Stock })
            .ToDictionaryAsync(x => x.Id, ct);
        var shopIds = skus.Values.Select(s => s.ShopId).Distinct().ToArray();
        var names = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        Shops = cart.Where(c => skus.ContainsKey(c.SkuId)).GroupBy(c => skus[c.SkuId].ShopId)
            .Select(g => new ShopCart(g.Key, names.GetValueOrDefault(g.Key, ""), g.Select(c =>
            {
                var s = skus[c.SkuId];
                return new Line(s.Id, s.ProductId, s.Title, s.Name, s.Price, s.Stock, c.Quantity);
            }).ToList())).ToList();
    }

    /// <summary>From the product page's "add to cart".</summary>
    public IActionResult OnPostAdd(Guid sku, int qty)
    {
        var cart = CartCookie.Read(Request);
        var at = cart.FindIndex(c => c.SkuId == sku);
        var quantity = Math.Clamp(qty, 1, Sprig.Ordering.PlaceOrder.MaxQuantityPerLine);
        if (at >= 0) cart[at] = (sku, Math.Min(cart[at].Quantity + quantity, Sprig.Ordering.PlaceOrder.MaxQuantityPerLine));
        else cart.Add((sku, quantity));
        CartCookie.Write(Response, cart);
        TempData[NoticeKey] = Say("cart.added");
        return LocalRedirect("/cart");
    }

    public IActionResult OnPostSet(Guid sku, int qty)
    {
        var cart = CartCookie.Read(Request).Where(c => c.SkuId != sku || qty > 0).Select(c => c.SkuId == sku ? (sku, Math.Min(qty, 999)) : c).ToList();
        CartCookie.Write(Response, cart);
        return LocalRedirect("/cart");
    }
}
