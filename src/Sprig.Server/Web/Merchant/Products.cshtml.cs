using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's products and SKUs with stock: list and delist, stock moves, and a new product with up to three SKUs (Catalog's ProductDesk).</summary>
public sealed class ProductsModel(SprigDb db, ProductDesk products) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public Guid? CategoryId { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string?> SkuName { get; set; } = [];
    [BindProperty] public List<string?> SkuPrice { get; set; } = [];
    [BindProperty] public List<string?> SkuStock { get; set; } = [];

    public IReadOnlyList<Product> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public List<Category> Leaves { get; private set; } = [];
    public Guid? FailedSku { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostListAsync(Guid productId, CancellationToken ct) => RunAsync(() => products.ListAsync(Shop, productId, ct), Say("m.products.listed"));

    public Task<IActionResult> OnPostDelistAsync(Guid productId, CancellationToken ct) => RunAsync(() => products.DelistAsync(Shop, productId, ct), Say("m.products.delisted"));

    public Task<IActionResult> OnPostStockAsync(Guid skuId, string? op, int? quantity, CancellationToken ct)
    {
        FailedSku = skuId;
        return RunAsync(() => products.ChangeStockAsync(Shop, skuId, op, quantity, ct), Say("m.products.stocked"));
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => RunAsync(async () =>
    {
        // rows left empty are not SKUs; the others go to the module as typed, so its messages name skus[i]
        var skus = Enumerable.Range(0, Math.Max(SkuName.Count, 1))
            .Where(i => !string.IsNullOrWhiteSpace(SkuName.ElementAtOrDefault(i)) || !string.IsNullOrWhiteSpace(SkuPrice.ElementAtOrDefault(i)))
            .Select(i => new NewSku(SkuName.ElementAtOrDefault(i), ParseYuan(SkuPrice.ElementAtOrDefault(i), $"skus[{i}].price"),
                int.TryParse(SkuStock.ElementAtOrDefault(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null)).ToList();
        await products.CreateAsync(Shop, new NewProduct(Title, CategoryId, Description, skus), ct);
    }, Say("m.products.created"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var page = await db.Products.AsNoTracking().Include(p => p.Skus.OrderBy(s => s.Id)).Where(p => p.ShopId == Shop.Id).PageAsync(p => p.Id, 20, Cursor, p => p, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        var parents = await db.Categories.AsNoTracking().Where(c => c.ParentId != null).Select(c => c.ParentId).Distinct().ToListAsync(ct);
        Leaves = await db.Categories.AsNoTracking().Where(c => !parents.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
    }
}
