using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Promotions;

public sealed record NewFlashSale(Guid? SkuId, long? Price, int? Quota, int? PerBuyerLimit, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record FlashSaleChange(long? Price, int? Quota, int? PerBuyerLimit, DateTimeOffset? EndsAt);

/// <summary>Flash sales: a shop makes, changes, pauses, resumes and ends them; checkout sells them (<see cref="CheckoutPromotions"/>).</summary>
public sealed class FlashSaleDesk(SprigDb db, TimeProvider clock)
{
    public const int MaxDays = 31;

    public async Task<FlashSale> CreateAsync(Shop shop, NewFlashSale req, CancellationToken ct = default)
    {
        shop.RequireOpen();
        var now = clock.GetUtcNow();
        var v = new Validator()
            .Require(req.SkuId is not null, "skuId", "is required")
            .Require(req.Price is > 0, "price", "must be more than 0 fen")
            .Require(req.Quota is >= 1 and <= FlashSale.MaxQuota, "quota", $"must be between 1 and {FlashSale.MaxQuota}")
            .Require(req.PerBuyerLimit is >= 1 and <= 100, "perBuyerLimit", "must be between 1 and 100")
            .Require(req.StartsAt is not null, "startsAt", "is required")
            .Require(req.EndsAt is not null, "endsAt", "is required");
        CheckWindow(v, req.StartsAt, req.EndsAt, now);
        v.ThrowIfInvalid();

        var sku = await db.Skus.AsNoTracking().FirstOrDefaultAsync(s => s.Id == req.SkuId && s.ShopId == shop.Id, ct)
            ?? throw SprigException.NotFound("SKU");
        new Validator().Require(req.Price < sku.Price, "price", $"must be below the SKU's price ({sku.Price} fen)").ThrowIfInvalid();
        await RequireNoOverlapAsync(sku.Id, req.StartsAt!.Value, req.EndsAt!.Value, null, ct);

        var sale = new FlashSale
        {
            Id = Ids.New(), ShopId = shop.Id, SkuId = sku.Id, ProductId = sku.ProductId, Price = req.Price!.Value, RegularPrice = sku.Price,
            Quota = req.Quota!.Value, PerBuyerLimit = req.PerBuyerLimit!.Value, StartsAt = req.StartsAt.Value, EndsAt = req.EndsAt.Value, CreatedAt = now,
        };
        db.FlashSales.Add(sale);
        await db.SaveChangesAsync(ct);
        return sale;
    }

    public async Task<FlashSale> GetAsync(Guid shopId, Guid saleId, CancellationToken ct = default) =>
        await db.FlashSales.FirstOrDefaultAsync(f => f.Id == saleId && f.ShopId == shopId, ct) ?? throw SprigException.NotFound("Flash sale");

    /// <summary>
    /// Changes a sale that has not ended: the quota (never below what is sold; the conditional update keeps a racing
    /// checkout honest), the per-buyer limit, the end; the price only before the sale starts, so no two buyers of
    /// one running sale pay different prices.
    /// </summary>
    public async Task<FlashSale> ChangeAsync(Guid shopId, Guid saleId, FlashSaleChange change, CancellationToken ct = default)
    {
        var sale = await GetAsync(shopId, saleId, ct);
        var now = clock.GetUtcNow();
        if (sale.Status == PromotionStatus.Ended || now >= sale.EndsAt) throw SprigException.InvalidState("The flash sale has ended.");
        var v = new Validator()
            .Require(change.Price is null || change.Price > 0 && change.Price < sale.RegularPrice, "price", $"must be between 1 and {sale.RegularPrice - 1} fen")
            .Require(change.Price is null || now < sale.StartsAt, "price", "can change only before the sale starts")
            .Require(change.Quota is null or (>= 1 and <= FlashSale.MaxQuota), "quota", $"must be between 1 and {FlashSale.MaxQuota}")
            .Require(change.PerBuyerLimit is null or (>= 1 and <= 100), "perBuyerLimit", "must be between 1 and 100");
        if (change.EndsAt is not null) CheckWindow(v, sale.StartsAt, change.EndsAt, now);
        v.ThrowIfInvalid();
        if (change.EndsAt is { } end && end > sale.EndsAt) await RequireNoOverlapAsync(sale.SkuId, sale.StartsAt, end, sale.Id, ct);

        if (change.Quota is { } quota)
        {
            var moved = await db.FlashSales.Where(f => f.Id == sale.Id && f.Sold <= quota)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Quota, quota).SetProperty(f => f.Version, f => f.Version + 1), ct);
            if (moved == 0) throw SprigException.Validation("quota", "cannot be less than the units already sold");
            await db.Entry(sale).ReloadAsync(ct);
        }
        if (change.Price is { } price) sale.Price = price;
        if (change.PerBuyerLimit is { } limit) sale.PerBuyerLimit = limit;
        if (change.EndsAt is { } endsAt) sale.EndsAt = endsAt;
        await db.SaveChangesAsync(ct);
        return sale;
    }

    /// <summary>Pauses, resumes or ends a sale; ending it early moves its end to now.</summary>
    public async Task<FlashSale> MoveAsync(Guid shopId, Guid saleId, PromotionStatus to, CancellationToken ct = default)
    {
        var sale = await GetAsync(shopId, saleId, ct);
        sale.Status = PromotionStatuses.Move(sale.Status, to, "flash sale");
        var now = clock.GetUtcNow();
        if (to == PromotionStatus.Ended && sale.EndsAt > now) sale.EndsAt = now < sale.StartsAt ? sale.StartsAt : now;
        await db.SaveChangesAsync(ct);
        return sale;
    }

    private static void CheckWindow(Validator v, DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now) => v
        .Require(startsAt is null || endsAt is null || endsAt > startsAt, "endsAt", "must be after startsAt")
        .Require(endsAt is null || endsAt > now, "endsAt", "must be in the future")
        .Require(startsAt is null || endsAt is null || endsAt - startsAt <= TimeSpan.FromDays(MaxDays), "endsAt", $"a flash sale lasts at most {MaxDays} days");

    // one flash price per SKU at a time, so a buyer never wonders which sale a unit came from
    private async Task RequireNoOverlapAsync(Guid skuId, DateTimeOffset startsAt, DateTimeOffset endsAt, Guid? except, CancellationToken ct)
    {
        var overlaps = await db.FlashSales.AnyAsync(f => f.SkuId == skuId && f.Id != except && f.Status != PromotionStatus.Ended
                                                         && f.StartsAt < endsAt && f.EndsAt > startsAt, ct);
        if (overlaps) throw new SprigException(409, "flash_sale_overlap", "The SKU already has a flash sale in this window.");
    }
}
