using Microsoft.EntityFrameworkCore;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Catalog;

public sealed record NewSku(string? Name, long? Price, int? Stock);

public sealed record NewProduct(
    string? Title, Guid? CategoryId, string? Description, IReadOnlyList<NewSku>? Skus,
    int? ShippingHours = null, string? ReturnPolicy = null, bool? FreightInsurance = null, int? PresaleShipDays = null);

public enum StockOp { Add, Subtract, Set }

/// <summary>Fields left null stay as they are.</summary>
public sealed record ProductEdit(string? Title, string? Description);

public sealed record SkuEdit(string? Name, long? Price);

/// <summary>A merchant's products, SKUs and stock.</summary>
public sealed class ProductDesk(SprigDb db, TimeProvider clock)
{
    public const int MaxSkusPerProduct = 100;

    public async Task<Product> CreateAsync(Shop shop, NewProduct p, CancellationToken ct = default)
    {
        var v = new Validator()
            .Text(p.Title, "title", 120)
            .Text(p.Description, "description", 5000, required: false)
            .Require(p.CategoryId is not null, "categoryId", "is required")
            .Require(p.Skus is { Count: > 0 }, "skus", "needs at least one SKU")
            .Require(p.Skus is null || p.Skus.Count <= MaxSkusPerProduct, "skus", $"at most {MaxSkusPerProduct} SKUs");
        for (var i = 0; p.Skus is not null && i < p.Skus.Count && i < MaxSkusPerProduct; i++)
        {
            var s = p.Skus[i];
            if (s is null) { v.Require(false, $"skus[{i}]", "is required"); continue; }
            v.Text(s.Name, $"skus[{i}].name", 64)
             .Require(s.Price is >= 1 && s.Price <= Money.PriceCap.Fen, $"skus[{i}].price", $"must be between 1 and {Money.PriceCap.Fen} fen")
             .Require(s.Stock is >= 0 and <= Sku.MaxStock, $"skus[{i}].stock", $"must be between 0 and {Sku.MaxStock}");
        }
        v.Require(p.ShippingHours is null || Product.ShippingPromisesHours.Contains(p.ShippingHours.Value), "shippingHours", "must be 24, 48 or 72");
        v.Require(p.PresaleShipDays is null or (>= 1 and <= 15), "presaleShipDays", "must be between 1 and 15 (longer needs approval)");
        ReturnPolicy policy = Catalog.ReturnPolicy.Standard;
        v.Require(p.ReturnPolicy is null || (Enum.TryParse(p.ReturnPolicy, true, out policy) && Enum.IsDefined(policy)), "returnPolicy",
            "must be standard, exceptCustom or notAfterUse");
        v.ThrowIfInvalid();

        shop.RequireOpen();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == p.CategoryId, ct)
            ?? throw SprigException.Validation("categoryId", "no such category");
        if (await db.Categories.AnyAsync(c => c.ParentId == category.Id, ct))
            throw SprigException.Validation("categoryId", "must be a leaf category");

        var product = new Product
        {
            Id = Ids.New(),
            ShopId = shop.Id,
            CategoryId = category.Id,
            Title = p.Title!.Trim(),
            Description = p.Description,
            // the shop's default promise (48 h unless the merchant set another)
            ShippingHours = p.ShippingHours ?? shop.DefaultShippingHours,
            ReturnPolicy = policy,
            FreightInsurance = p.FreightInsurance ?? false,
            StockKind = p.PresaleShipDays is null ? StockKind.InStock : StockKind.Presale,
            PresaleShipDays = p.PresaleShipDays,
            CreatedAt = clock.GetUtcNow(),
        };
        foreach (var s in p.Skus!)
            product.Skus.Add(new Sku { Id = Ids.New(), ProductId = product.Id, ShopId = shop.Id, Name = s.Name!.Trim(), Price = s.Price!.Value, Stock = s.Stock!.Value });
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return product;
    }

    public async Task<Product> GetAsync(Guid productId, CancellationToken ct = default) =>
        await db.Products.Include(p => p.Skus.OrderBy(s => s.Id)).FirstOrDefaultAsync(p => p.Id == productId, ct)
        ?? throw SprigException.NotFound("Product");

    public async Task<Product> GetInShopAsync(Shop shop, Guid productId, CancellationToken ct = default)
    {
        var product = await GetAsync(productId, ct);
        if (product.ShopId != shop.Id) throw SprigException.NotFound("Product");
        return product;
    }

    public async Task<Product> ListAsync(Shop shop, Guid productId, CancellationToken ct = default)
    {
        shop.RequireOpen();
        var product = await GetInShopAsync(shop, productId, ct);
        product.List(clock.GetUtcNow());
        await Distribution.FeedEntry.ProductListedAsync(db, product, shop, clock.GetUtcNow(), ct);
        CatalogChange.OfProduct(db, product.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return product;
    }

    public async Task<Product> DelistAsync(Shop shop, Guid productId, CancellationToken ct = default)
    {
        var product = await GetInShopAsync(shop, productId, ct);
        product.Delist();
        CatalogChange.OfProduct(db, product.Id, clock.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await Distribution.FeedEntry.WithdrawnAsync(db, product.Id, ct);
        await tx.CommitAsync(ct);
        return product;
    }

    public async Task<Product> EditAsync(Shop shop, Guid productId, ProductEdit edit, CancellationToken ct = default)
    {
        new Validator()
            .Require(edit.Title is null || edit.Title.Trim().Length > 0, "title", "must not be empty")
            .Text(edit.Title, "title", 120, required: false)
            .Text(edit.Description, "description", 5000, required: false)
            .ThrowIfInvalid();
        var product = await GetInShopAsync(shop, productId, ct);
        var (title, description) = (product.Title, product.Description);
        if (edit.Title is not null) product.Title = edit.Title.Trim();
        if (edit.Description is not null) product.Description = edit.Description;
        if (product.Title != title || product.Description != description) product.Edited();
        CatalogChange.OfProduct(db, product.Id, clock.GetUtcNow());
        // the feed shows the title it has on file: it changes with the product's, in the same transaction
        var item = await db.FeedItems.FirstOrDefaultAsync(f => f.Id == product.Id, ct);
        if (item is not null) item.Title = product.Title;
        await db.SaveChangesAsync(ct);
        return product;
    }

    /// <summary>A SKU's name or price. A checkout already in flight keeps the price it read.</summary>
    public async Task<Sku> EditSkuAsync(Shop shop, Guid skuId, SkuEdit edit, CancellationToken ct = default)
    {
        new Validator()
            .Require(edit.Name is null || edit.Name.Trim().Length > 0, "name", "must not be empty")
            .Text(edit.Name, "name", 64, required: false)
            .Require(edit.Price is null || (edit.Price >= 1 && edit.Price <= Money.PriceCap.Fen), "price", $"must be between 1 and {Money.PriceCap.Fen} fen")
            .ThrowIfInvalid();
        var sku = await db.Skus.FirstOrDefaultAsync(s => s.Id == skuId, ct) ?? throw SprigException.NotFound("SKU");
        if (sku.ShopId != shop.Id) throw SprigException.Forbidden("This SKU belongs to another shop.");
        if (edit.Name is not null) sku.Name = edit.Name.Trim();
        if (edit.Price is { } price) sku.Price = price;
        CatalogChange.OfProduct(db, sku.ProductId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return sku;
    }

    /// <summary>
    /// Changes stock in one conditional statement, so it composes with concurrent checkouts
    /// and can never take stock below zero.
    /// </summary>
    public async Task<Sku> ChangeStockAsync(Shop shop, Guid skuId, string? op, int? quantity, CancellationToken ct = default)
    {
        StockOp parsed = default;
        new Validator()
            .Require(op is not null && Enum.TryParse(op, true, out parsed) && Enum.IsDefined(parsed), "op", "must be add, subtract or set")
            .Require(quantity is >= 0 and <= Sku.MaxStock, "quantity", $"must be between 0 and {Sku.MaxStock}")
            .ThrowIfInvalid();
        var q = quantity!.Value;

        var exists = await db.Skus.AnyAsync(s => s.Id == skuId && s.ShopId == shop.Id, ct);
        if (!exists)
        {
            if (await db.Skus.AnyAsync(s => s.Id == skuId, ct)) throw SprigException.Forbidden("This SKU belongs to another shop.");
            throw SprigException.NotFound("SKU");
        }

        var changed = parsed switch
        {
            StockOp.Add => await db.Skus.Where(s => s.Id == skuId && s.Stock <= Sku.MaxStock - q)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, s => s.Stock + q), ct),
            StockOp.Subtract => await db.Skus.Where(s => s.Id == skuId && s.Stock >= q)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, s => s.Stock - q), ct),
            _ => await db.Skus.Where(s => s.Id == skuId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, q), ct),
        };
        if (changed == 0)
        {
            throw parsed == StockOp.Subtract
                ? new SprigException(409, "insufficient_stock", "Stock cannot go below zero.")
                : SprigException.Validation("quantity", $"stock cannot exceed {Sku.MaxStock}");
        }
        return await db.Skus.AsNoTracking().FirstAsync(s => s.Id == skuId, ct);
    }
}
