using Sprig.Browser.Tests.Infrastructure;

namespace Sprig.Browser.Tests.Ops;

/// <summary>Every page of both consoles opens for its role with no console errors, in both languages.</summary>
public sealed class ConsolePagesTests(WebWorld world) : IClassFixture<WebWorld>
{
    // pages reached by a tab within a sidebar entry rather than from the sidebar
    private static readonly string[] MerchantTabs = ["/merchant/promotions/flash-sales", "/merchant/promotions/campaigns", "/merchant/affiliates", "/merchant/content"];

    [Fact]
    public async Task EveryConsolePage_Opens_WithNoConsoleErrors()
    {
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant");
        foreach (var (href, _) in Sprig.Server.Web.Shared.ConsoleNav.Merchant) await merchant.GoAsync(href);
        foreach (var href in MerchantTabs) await merchant.GoAsync(href);
        await merchant.GoAsync("/merchant/promotions");
        await merchant.ShotAsync("merchant-promotions");
        await merchant.GoAsync("/lang/en?back=/merchant");
        await merchant.Page.Locator("html[lang=en]").WaitForAsync();
        foreach (var href in MerchantTabs) await merchant.GoAsync(href);
        merchant.AssertNoConsoleErrors();

        await using var ops = await world.OpenAsync(1280, 900);
        await ops.SignInAsync("ops@demo.sprig", back: "/ops");
        foreach (var (href, _) in Sprig.Server.Web.Shared.ConsoleNav.Ops) await ops.GoAsync(href);
        await ops.GoAsync("/ops/campaigns/coupons");
        await ops.GoAsync("/lang/en?back=/ops/traffic");
        await ops.Page.Locator("html[lang=en]").WaitForAsync();
        foreach (var (href, _) in Sprig.Server.Web.Shared.ConsoleNav.Ops) await ops.GoAsync(href);
        await ops.GoAsync("/ops/campaigns/coupons");
        await ops.GoAsync("/ops/traffic");
        await ops.ShotAsync("ops-traffic-pools-en");
        ops.AssertNoConsoleErrors();

        // a buyer is not an operator: the console sends them to "access denied"
        await using var buyer = await world.OpenAsync();
        await buyer.SignInAsync("buyer@demo.sprig", back: "/me");
        await buyer.Page.GotoAsync("/ops");
        Assert.Contains("/denied", buyer.Page.Url, StringComparison.Ordinal);
    }
}
