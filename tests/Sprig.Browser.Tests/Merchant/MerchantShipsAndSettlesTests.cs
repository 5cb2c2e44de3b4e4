using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Sprig.Browser.Tests.Infrastructure;
using Sprig.Data;

namespace Sprig.Browser.Tests.Merchant;

/// <summary>Must-hold 2: the merchant ships a buyer's paid order and, once the clock has passed settlement, finds it in the statement.</summary>
public sealed class MerchantShipsAndSettlesTests(WebWorld world) : IClassFixture<WebWorld>
{
    [Fact]
    public async Task Merchant_ShipsThePaidOrder_AndSeesItInTheStatement_AfterTheClockPassesSettlement()
    {
        // the buyer's side, in the browser: the demo buyer buys the enamel pot and pays
        await using var buyer = await world.OpenAsync();
        await buyer.SignInAsync("buyer@demo.sprig", back: "/me");
        var pot = await world.Service<IDbContextFactory<SprigDb>>().CreateDbContext().Products.Where(p => p.Title == "铸铁珐琅锅 24cm").Select(p => p.Id).FirstAsync();
        await buyer.GoAsync($"/p/{pot}");
        await Task.WhenAll(buyer.Page.WaitForURLAsync("**/checkout?**"), buyer.Test("buy-now").ClickAsync());
        await buyer.Page.FillAsync("#name", "Lin");
        await buyer.Page.FillAsync("#phone", "13800000000");
        await buyer.Page.FillAsync("#region", "北京市朝阳区");
        await buyer.Page.FillAsync("#line", "建国路 88 号");
        await Task.WhenAll(buyer.Page.WaitForURLAsync("**/orders/*"), buyer.Test("submit-order").ClickAsync());
        var orderId = buyer.Page.Url.Split('/').Last().Split('?')[0];
        await buyer.Test("pay").ClickAsync();
        await buyer.Page.Locator("[data-test=order-status][data-status=PendingShipment]").WaitForAsync();

        // the merchant's console: the order waits among the to-dos; shipping it from the list
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant");
        await merchant.Test("todos").WaitForAsync();
        Assert.True(int.Parse(await merchant.Test("todo-ship").InnerTextAsync()) >= 1);
        await merchant.ShotAsync("merchant-today");
        await merchant.Test("todo-ship").ClickAsync();
        var row = merchant.Page.Locator($"[data-test=shop-order][data-order=\"{orderId}\"]");
        await row.Locator("input[name=trackingNumber]").FillAsync("SF1234567890");
        await merchant.ShotAsync("merchant-orders");
        await Task.WhenAll(merchant.Page.WaitForLoadStateAsync(), row.Locator("[data-test=ship]").ClickAsync());
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        await merchant.GoAsync($"/merchant/orders/{orderId}");
        Assert.Equal("Shipped", await merchant.Test("order-status").GetAttributeAsync("data-status"));

        // the buyer confirms receipt (it asks first); the operator moves the demo clock past the 7-day after-sale window
        await buyer.GoAsync($"/orders/{orderId}");
        await Task.WhenAll(buyer.Page.WaitForLoadStateAsync(), buyer.Test("confirm-receipt").ClickAsync());
        await buyer.Page.Locator("[data-test=order-status][data-status=Completed]").WaitForAsync();
        await using var ops = await world.OpenAsync(1280, 900);
        await ops.SignInAsync("ops@demo.sprig", back: "/ops/ledger");
        await ops.Page.FillAsync("[data-test=advance] input[name=hours]", "170");
        await Task.WhenAll(ops.Page.WaitForLoadStateAsync(), ops.Page.ClickAsync("[data-test=advance] button"));
        await ops.Test("clock-run").WaitForAsync();
        Assert.Equal("¥0.00", await ops.Test("total").InnerTextAsync());

        // the statement has the order's settlement, and the order page its net and fee program
        await merchant.GoAsync("/merchant/finance");
        var lines = merchant.Page.Locator($"[data-test=statement-line][data-order=\"{orderId}\"]");
        Assert.True(await lines.CountAsync() >= 2, "the order's payment and its settlement are in the statement");
        Assert.True(await merchant.Page.Locator($"[data-test=statement-line][data-order=\"{orderId}\"][data-kind=Settlement]").CountAsync() >= 1);
        Assert.Matches(@"¥[\d,]+\.\d\d", await merchant.Test("available").InnerTextAsync());
        await merchant.ShotAsync("merchant-finance");
        await merchant.GoAsync($"/merchant/orders/{orderId}");
        Assert.Matches(@"^¥[\d,]+\.\d\d$", (await merchant.Test("net").InnerTextAsync()).Trim());
        await merchant.ShotAsync("merchant-order-settled");

        await merchant.GoAsync("/merchant/analytics");
        await merchant.Page.WaitForFunctionAsync("() => document.querySelectorAll('canvas[data-drawn]').length >= 6");
        await merchant.ShotAsync("merchant-analytics");

        buyer.AssertNoConsoleErrors();
        merchant.AssertNoConsoleErrors();
        ops.AssertNoConsoleErrors();
    }
}
