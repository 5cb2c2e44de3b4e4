using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Shops;

namespace Sprig.Server.Demo;

/// <summary>
/// A few paid orders from the demo buyer's friends, so the merchant console opens on orders to ship and the
/// dashboards have sales by scene and by traffic source at once: one from a video, one from the creator's video
/// (her commission), one through a friend's share link (private traffic), one from search, one from the shop page.
/// Placed and paid through Ordering and Payments like any other, so the ledger has them too. None is shipped (a
/// settlement would then depend on the clock) and none touches the flash sale, the campaign or the live room.
/// </summary>
/// Seeded unless <c>Sprig:DemoOrders=false</c>; by default not under the manual clock, whose users (the HTTP
/// tests, scripted demos) count the shop's orders and ledger lines from an empty start.
public sealed class DemoOrders(SprigDb db, OrderPlacement placement, Checkout checkout)
{
    public static bool Enabled(IConfiguration config) =>
        config.GetValue<bool?>("Sprig:DemoOrders") ?? !string.Equals(config["Sprig:Clock"], "manual", StringComparison.OrdinalIgnoreCase);

    private static readonly (string Friend, string Product, string Sku, int Quantity, string Scene, string? Via)[] Orders =
    [
        ("friend1@demo.sprig", "云南古树普洱茶饼 357g", "熟茶 357g", 1, "shortVideo", "开箱：勐海古树普洱 357g"),
        ("friend2@demo.sprig", "保湿修护精华 30ml", "30ml", 1, "shortVideo", "换季泛红？我的修护精华空瓶记"),
        ("friend3@demo.sprig", "云南古树普洱茶饼 357g", "生茶 357g", 2, "share", null),
        ("friend3@demo.sprig", "纯棉重磅 T 恤", "L 黑", 2, "search", null),
        ("friend1@demo.sprig", "真丝桑蚕丝睡衣套装", "M 香槟色", 1, "showcase", null),
    ];

    private static readonly (string Region, string Line)[] Addresses =
    [
        ("上海市浦东新区", "世纪大道 100 号"), ("北京市朝阳区", "建国路 88 号"), ("广东省深圳市南山区", "科技园 1 栋"), ("浙江省杭州市西湖区", "文三路 9 号"),
    ];

    public async Task SeedAsync(Shop shop, CancellationToken ct)
    {
        var i = 0;
        foreach (var (friend, product, sku, quantity, scene, via) in Orders)
        {
            var buyer = await db.Users.AsNoTracking().Where(u => u.Email == friend).Select(u => new { u.Id, u.DisplayName }).FirstAsync(ct);
            var skuId = await db.Skus.AsNoTracking().Where(s => s.ShopId == shop.Id && s.Name == sku)
                .Join(db.Products.AsNoTracking().Where(p => p.Title == product), s => s.ProductId, p => p.Id, (s, _) => s.Id).FirstAsync(ct);
            string? contentId = null;
            IReadOnlyList<Guid>? chain = null;
            if (via is not null)
                contentId = (await db.ContentItems.AsNoTracking().Where(c => c.Title == via).Select(c => c.Id).FirstAsync(ct)).ToString();
            if (scene == "share")
            {
                // the share link friend1 sent to the buyer, passed on: the chain is the sharers', first first
                var share = await db.Shares.AsNoTracking().Where(s => s.ParentId != null).OrderBy(s => s.Id).FirstAsync(ct);
                chain = share.Chain.Split(',').Select(Guid.Parse).ToList();
                contentId = share.TargetId.ToString();
            }
            var creator = contentId is null ? null
                : await db.ContentItems.AsNoTracking().Where(c => c.Id == Guid.Parse(contentId) && c.ShopId == null).Select(c => (Guid?)c.AuthorId).FirstOrDefaultAsync(ct);
            var (region, line) = Addresses[i++ % Addresses.Length];
            var order = await placement.PlaceAsync(new PlaceOrder(buyer.Id, [new OrderItem(skuId, quantity)],
                new Address(buyer.DisplayName, "13800000000", region, line), scene, ContentId: contentId, CreatorId: creator, SharerChain: chain), ct);
            await checkout.PayAsync(order.Id, buyer.Id, SandboxGateway.Name, ct);
        }
    }
}
