using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog.Search;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Shops;

/// <summary>Opening shops, their review by the operator, and the owner check every merchant route goes through.</summary>
public sealed class ShopDesk(SprigDb db, TimeProvider clock)
{
    public async Task<Shop> OpenAsync(Guid ownerId, string? name, string? kind, CancellationToken ct = default)
    {
        var v = new Validator().Text(name, "name", 64);
        ShopKind parsed = default;
        v.Require(kind is not null && Enum.TryParse(kind, ignoreCase: true, out parsed) && Enum.IsDefined(parsed), "kind",
            "must be one of individual, enterprise, brand");
        v.ThrowIfInvalid();

        var shop = new Shop { Id = Ids.New(), OwnerId = ownerId, Name = name!.Trim(), Kind = parsed, CreatedAt = clock.GetUtcNow() };
        db.Shops.Add(shop);
        var owner = await db.Users.FirstAsync(u => u.Id == ownerId, ct);
        owner.Roles |= Role.Merchant;
        await db.SaveChangesAsync(ct);
        return shop;
    }

    public async Task<Shop> GetAsync(Guid shopId, CancellationToken ct = default) =>
        await db.Shops.FirstOrDefaultAsync(s => s.Id == shopId, ct) ?? throw SprigException.NotFound("Shop");

    /// <summary>The shop, if the caller owns it: 404 when there is no such shop, 403 when it is someone else's.</summary>
    public async Task<Shop> GetOwnedAsync(Guid shopId, Guid callerId, CancellationToken ct = default)
    {
        var shop = await GetAsync(shopId, ct);
        if (shop.OwnerId != callerId) throw SprigException.Forbidden("This shop is not yours.");
        return shop;
    }

    /// <summary>
    /// The merchant's settings, in any status (a shop under review fills them in, a suspended one keeps them right).
    /// A new name reaches search, which shows it on every product.
    /// </summary>
    public async Task<Shop> ChangeSettingsAsync(Shop shop, ShopSettings settings, CancellationToken ct = default)
    {
        settings.Check();
        if (settings.Name is { } name && name.Trim() != shop.Name)
        {
            shop.Name = name.Trim();
            CatalogChange.OfShop(db, shop.Id, clock.GetUtcNow());
        }
        if (settings.Description is { } description) shop.Description = Blank(description);
        if (settings.LogoUrl is { } logo) shop.LogoUrl = Blank(logo);
        if (settings.ServicePhone is { } phone) shop.ServicePhone = Blank(phone);
        if (settings.DefaultShippingHours is { } hours) shop.DefaultShippingHours = hours;
        if (settings.ReturnAddress is { } a) shop.SetReturnAddress(new Ordering.Address(a.Name.Trim(), a.Phone.Trim(), a.Region.Trim(), a.Line.Trim()));
        await db.SaveChangesAsync(ct);
        return shop;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public async Task<Shop> ApproveAsync(Guid shopId, CancellationToken ct = default)
    {
        var shop = await GetAsync(shopId, ct);
        shop.Approve(clock.GetUtcNow());
        CatalogChange.OfShop(db, shop.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return shop;
    }

    public async Task<Shop> RejectAsync(Guid shopId, string? reason, CancellationToken ct = default)
    {
        new Validator().Text(reason, "reason", 500).ThrowIfInvalid();
        var shop = await GetAsync(shopId, ct);
        shop.Reject(reason!);
        await db.SaveChangesAsync(ct);
        return shop;
    }

    public async Task<Shop> SuspendAsync(Guid shopId, string? reason, CancellationToken ct = default)
    {
        new Validator().Text(reason, "reason", 500).ThrowIfInvalid();
        var shop = await GetAsync(shopId, ct);
        shop.Suspend(reason!);
        CatalogChange.OfShop(db, shop.Id, clock.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await Distribution.FeedEntry.ShopClosedAsync(db, shop.Id, ct);
        // a suspended shop sells nothing, so its rooms on air end (viewers let out); scheduled ones wait for reinstatement
        var now = clock.GetUtcNow();
        var onAir = await db.ContentItems.AsNoTracking()
            .Where(c => c.ShopId == shop.Id && c.Kind == Content.ContentKind.Live && c.LiveStatus == Content.LiveStatus.OnAir).ToListAsync(ct);
        foreach (var live in onAir) await Content.LiveDesk.StopAsync(db, live, now, ct);
        await tx.CommitAsync(ct);
        return shop;
    }

    public async Task<Shop> ReinstateAsync(Guid shopId, CancellationToken ct = default)
    {
        var shop = await GetAsync(shopId, ct);
        shop.Reinstate();
        CatalogChange.OfShop(db, shop.Id, clock.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await Distribution.FeedEntry.ShopReopenedAsync(db, shop.Id, ct);
        await tx.CommitAsync(ct);
        return shop;
    }
}
