using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Shops;
using Sprig.Social;

namespace Sprig.Server.Demo;

/// <summary>
/// The demo's crowd, so a visitor can watch distribution work: a new shop (新芽小铺) with one product nobody follows,
/// sixty crowd buyers, and on every move of the manual clock each of them opens the recommended tab and reacts to
/// what it is shown: the new shop's cold brew tea draws clicks, likes and shares far above the others. The pool review then
/// promotes it out of the cold-start pool, tier after tier, while items the crowd ignores are left to organic
/// traffic. The demo's pool budgets are a tenth of the defaults (operator data, editable) so this takes days of
/// demo time, not months.
/// </summary>
public sealed class DemoCrowd(IServiceScopeFactory scopes, Distribution.Feed feed, SignalWriter signals, TimeProvider clock)
{
    public const int Size = 60;
    public const string NewShop = "新芽小铺 Sprout Corner";
    public const string RisingProduct = "桂花乌龙冷泡茶 12 袋";
    private const string CrowdDomain = "@crowd.demo.sprig";

    public async Task SeedAsync(SprigDb db, ShopDesk shops, ProductDesk products, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var owner = new User { Id = Ids.New(), Email = "sprout" + CrowdDomain, DisplayName = "新芽小铺店主", PasswordHash = "", Roles = Role.Buyer | Role.Merchant, CreatedAt = now };
        owner.PasswordHash = hasher.HashPassword(owner, DemoData.Password);
        db.Users.Add(owner);
        var hash = hasher.HashPassword(owner, DemoData.Password);
        for (var i = 1; i <= Size; i++)
            db.Users.Add(new User { Id = Ids.New(), Email = $"crowd{i:00}{CrowdDomain}", DisplayName = $"路人 {i}", PasswordHash = hash, Roles = Role.Buyer, CreatedAt = now });
        await db.SaveChangesAsync(ct);

        foreach (var tier in await db.PoolTiers.ToListAsync(ct)) tier.Budget = Math.Max(20, tier.Budget / 10);
        await db.SaveChangesAsync(ct);

        var shop = await shops.OpenAsync(owner.Id, NewShop, "individual", ct);
        shop.Approve(now);
        await db.SaveChangesAsync(ct);
        var tea = await db.Categories.Where(c => c.Name == "茶叶").Select(c => c.Id).FirstAsync(ct);
        var product = await products.CreateAsync(shop, new NewProduct(RisingProduct, tea, "福建漳平水仙与桂花窨制，冷水 4 小时出汤。", [new NewSku("12 袋", 3_900, 500)]), ct);
        await products.ListAsync(shop, product.Id, ct);
    }

    /// <summary>The crowd's visits after the clock moved: one page each, or one a day for up to three days moved.</summary>
    public async Task<int> VisitAsync(double hours, CancellationToken ct)
    {
        if (hours < 1) return 0;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
        var crowd = await db.Users.AsNoTracking().Where(u => u.Email.EndsWith(CrowdDomain) && u.Email.StartsWith("crowd")).Select(u => u.Id).ToListAsync(ct);
        var rising = await db.Products.AsNoTracking().Where(p => p.Title == RisingProduct).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var visits = 0;
        for (var day = 0; day < Math.Clamp((int)(hours / 24), 1, 3); day++)
        {
            foreach (var buyer in crowd)
            {
                var page = await feed.ServeAsync(buyer, "recommended", 20, ct);
                await ReactAsync(db, buyer, page, rising, ct);
                visits++;
            }
        }
        return visits;
    }

    private async Task ReactAsync(SprigDb db, Guid buyer, IReadOnlyList<ServedItem> page, Guid? rising, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var events = new List<FeedEvent>();
        foreach (var s in page)
        {
            var hot = s.Item.Id == rising;
            // a buyer decides afresh each day, the same way on every run of the demo
            var roll = Roll(buyer, s.Item.Id, now);
            if (roll >= (hot ? 0.35 : 0.015)) continue;
            events.Add(new FeedEvent { Id = Ids.New(), UserId = buyer, Type = FeedEventType.Click, ImpressionId = s.ImpressionId, ItemId = s.Item.Id, ProductId = s.Item.ProductId, At = now });
            if (s.Item.Kind is FeedItemKind.Video or FeedItemKind.Live)
            {
                events.Add(new FeedEvent { Id = Ids.New(), UserId = buyer, Type = FeedEventType.Watch, ImpressionId = s.ImpressionId, ItemId = s.Item.Id, At = now });
                events.Add(new FeedEvent { Id = Ids.New(), UserId = buyer, Type = FeedEventType.Complete, ImpressionId = s.ImpressionId, ItemId = s.Item.Id, At = now });
            }
            var kind = s.Item.Kind == FeedItemKind.Product ? SignalTarget.Product : SignalTarget.Content;
            // only the hot item is liked and shared by the crowd: with a like or two by chance, a product it merely clicks
            // could pass the cold-start review (1 like in 50 impressions is 2%, the bar 0.5%), and the demo would show
            // a dull product climbing now and then
            if (hot && roll < 0.12 && !await db.Likes.AnyAsync(l => l.UserId == buyer && l.TargetId == s.Item.Id, ct))
            {
                db.Likes.Add(new Like { UserId = buyer, TargetId = s.Item.Id, TargetKind = kind, ShopId = s.Item.ShopId ?? Guid.Empty, CreatedAt = now });
                SocialChange.Of(db, buyer);
                await db.SaveChangesAsync(ct);
                await FeedSignals.LikedAsync(db, s.Item.Id, 1, now, ct);
            }
            if (hot && roll < 0.04)
            {
                db.Shares.Add(new Share { Id = Ids.New(), UserId = buyer, TargetId = s.Item.Id, TargetKind = kind, ShopId = s.Item.ShopId ?? Guid.Empty, Chain = buyer.ToString(), CreatedAt = now });
                SocialChange.Of(db, buyer);
                await db.SaveChangesAsync(ct);
                await FeedSignals.SharedAsync(db, s.Item.Id, now, ct);
            }
        }
        if (events.Count > 0) await signals.EventsAsync(events, [], ct);
    }

    private static double Roll(Guid buyer, Guid item, DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[36];
        buyer.TryWriteBytes(bytes);
        item.TryWriteBytes(bytes[16..]);
        BitConverter.TryWriteBytes(bytes[32..], (int)(now.ToUnixTimeSeconds() / 86_400));
        return BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(bytes)) % 10_000 / 10_000.0;
    }
}
