namespace Sprig.Server.Web.Shared;

/// <summary>The sidebars of the two consoles: path and catalogue key.</summary>
public static class ConsoleNav
{
    public static readonly (string Href, string Key)[] Merchant =
    [
        ("/merchant", "m.nav.today"), ("/merchant/shop", "m.nav.shop"), ("/merchant/products", "m.nav.products"),
        ("/merchant/orders", "m.nav.orders"), ("/merchant/after-sales", "m.nav.afterSales"), ("/merchant/promotions", "m.nav.promotions"),
        ("/merchant/affiliates", "m.nav.affiliates"), ("/merchant/content", "m.nav.content"), ("/merchant/finance", "m.nav.finance"),
        ("/merchant/analytics", "m.nav.analytics"),
    ];

    public static readonly (string Href, string Key)[] Ops =
    [
        ("/ops", "o.nav.dashboard"), ("/ops/shops", "o.nav.shops"), ("/ops/products", "o.nav.products"), ("/ops/categories", "o.nav.categories"),
        ("/ops/fee-programs", "o.nav.feePrograms"), ("/ops/traffic", "o.nav.traffic"), ("/ops/campaigns", "o.nav.campaigns"),
        ("/ops/moderation", "o.nav.moderation"), ("/ops/arbitration", "o.nav.arbitration"), ("/ops/ledger", "o.nav.ledger"),
    ];
}
