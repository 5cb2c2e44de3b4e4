using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Platform;
using Sprig.Shops;

namespace Sprig.Server.Demo;

/// <summary>A living shop on first start: the demo accounts of API.md, the category tree, an open shop with stock, promotions, content and friends, a few paid orders, and a crowd.</summary>
public sealed class DemoData(SprigDb db, Accounts.Accounts accounts, ShopDesk shops, ProductDesk products, DemoPromotions promotions, DemoSocial social, DemoCrowd crowd, DemoOrders orders, IConfiguration config,
    Microsoft.AspNetCore.Identity.IPasswordHasher<User> hasher, TimeProvider clock)
{
    public const string Password = "sprig-demo-1";
    public const string Operator = "ops@demo.sprig";
    public const string Merchant = "merchant@demo.sprig";
    public const string Buyer = "buyer@demo.sprig";
    public static readonly string[] Emails = [Operator, Merchant, Buyer, .. DemoSocial.Emails];

    private const string SeededKey = "demo.seeded";

    /// <summary>Seeds once per database; false when it was already there.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await Categories.EnsureAsync(db, ct);
        if (await db.Settings.AnyAsync(s => s.Key == SeededKey, ct)) return false;
        if (await db.Users.AnyAsync(u => u.Email == Merchant, ct)) return false;

        await accounts.RegisterAsync(Operator, Password, "Sprig 运营", Role.Operator, ct);
        var merchant = await accounts.RegisterAsync(Merchant, Password, "小芽生活馆店长", Role.Merchant, ct);
        var buyer = await accounts.RegisterAsync(Buyer, Password, "Lin 买家", Role.Buyer, ct);

        // the crowd's new shop first, so the demo's own shop stays first in the newest-first shop list
        await crowd.SeedAsync(db, shops, products, hasher, ct);
        var shop = await shops.OpenAsync(merchant.Id, "小芽生活馆 Sprig Living", "brand", ct);
        shop.Approve(clock.GetUtcNow());
        shop.DepositFen = 200_000;
        await db.SaveChangesAsync(ct);
        await shops.ChangeSettingsAsync(shop, new ShopSettings(
            Description: "小芽生活馆：茶饮、零食、个护与数码小物，顺丰发货，7 天无理由退货。", ServicePhone: "400-820-1234",
            ReturnAddress: new Ordering.Address("小芽生活馆售后组", "021-61234567", "上海市 闵行区", "申富路 88 号 2 号仓")), ct);

        var leaves = await db.Categories.Where(c => c.ParentId != null).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        foreach (var (title, category, description, skus) in Catalogue)
        {
            var product = await products.CreateAsync(shop,
                new NewProduct(title, leaves[category], description, skus.Select(s => new NewSku(s.Name, s.Price, s.Stock)).ToList()), ct);
            await products.ListAsync(shop, product.Id, ct);
        }
        await promotions.SeedAsync(shop, ct);
        await social.SeedAsync(shop, merchant.Id, buyer.Id, ct);
        if (DemoOrders.Enabled(config)) await orders.SeedAsync(shop, ct);

        db.Settings.Add(new Setting { Key = SeededKey, Value = "1", UpdatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static readonly (string Title, string Category, string Description, (string Name, long Price, int Stock)[] Skus)[] Catalogue =
    [
        ("云南古树普洱茶饼 357g", "茶叶", "2019 年春茶，勐海古树料，紧压熟茶。", [("熟茶 357g", 16_800, 200), ("生茶 357g", 19_800, 120)]),
        ("手工牛轧糖礼盒", "休闲零食", "法式牛轧糖，少糖配方，独立包装。", [("原味 500g", 5_900, 500), ("抹茶 500g", 6_900, 300), ("混合 1kg", 11_800, 150)]),
        ("每日坚果 30 袋装", "休闲零食", "六种坚果果干，每袋 25g。", [("30 袋", 12_900, 800)]),
        ("真丝桑蚕丝睡衣套装", "女装", "22 姆米重磅真丝，长袖长裤。", [("M 香槟色", 59_900, 40), ("L 香槟色", 59_900, 40), ("M 墨绿", 59_900, 30)]),
        ("羊毛混纺大衣", "女装", "70% 羊毛，双面呢工艺。", [("S 驼色", 129_900, 20), ("M 驼色", 129_900, 25), ("M 黑色", 129_900, 25)]),
        ("纯棉重磅 T 恤", "男装", "260g 精梳棉，不易变形。", [("M 白", 9_900, 400), ("L 白", 9_900, 400), ("L 黑", 9_900, 350), ("XL 黑", 9_900, 200)]),
        ("保湿修护精华 30ml", "护肤", "神经酰胺配方，敏感肌可用。", [("30ml", 26_900, 300), ("50ml", 39_900, 150)]),
        ("氨基酸洁面乳", "护肤", "温和清洁，120g。", [("120g", 6_900, 600)]),
        ("20W 快充充电器", "手机配件", "PD 协议，兼容主流手机。", [("白色", 4_900, 1_000), ("黑色", 4_900, 800)]),
        ("磁吸无线充电宝 10000mAh", "手机配件", "15W 磁吸无线充，自带支架。", [("白色", 19_900, 300)]),
        ("铸铁珐琅锅 24cm", "厨具", "手工珐琅，电磁炉可用。", [("樱桃红", 69_900, 60), ("雾蓝", 69_900, 60)]),
        ("儿童绘本套装 (10 册)", "童书", "3-6 岁，亲子共读。", [("10 册", 15_800, 250)]),
    ];
}

/// <summary>The category tree with the fee rates and deposits of DOMAIN.md, seeded once; operators edit it afterwards.</summary>
public static class Categories
{
    private static readonly (string Name, string En, (string Name, string En, int FeeBps)[] Leaves)[] Tree =
    [
        ("服饰内衣", "Apparel", [("女装", "Women's wear", 500), ("男装", "Men's wear", 500)]),
        ("食品饮料", "Food & drink", [("休闲零食", "Snacks", 200), ("茶叶", "Tea", 250)]),
        ("美妆个护", "Beauty", [("护肤", "Skincare", 400)]),
        ("数码家电", "Electronics", [("手机配件", "Phone accessories", 300)]),
        ("家居日用", "Home", [("厨具", "Kitchenware", 300)]),
        ("图书教育", "Books", [("童书", "Children's books", 100)]),
    ];

    public const long DefaultDepositFen = 200_000;

    public static async Task EnsureAsync(SprigDb db, CancellationToken ct)
    {
        if (await db.Categories.AnyAsync(ct)) return;
        var order = 0;
        foreach (var (name, en, leaves) in Tree)
        {
            var parent = new Category { Id = Ids.New(), Name = name, NameEn = en, SortOrder = order++ };
            db.Categories.Add(parent);
            foreach (var (leaf, leafEn, fee) in leaves)
                db.Categories.Add(new Category
                {
                    Id = Ids.New(), ParentId = parent.Id, Name = leaf, NameEn = leafEn, FeeRateBps = fee,
                    DepositFen = DefaultDepositFen, SortOrder = order++,
                });
        }
        await db.SaveChangesAsync(ct);
    }
}
