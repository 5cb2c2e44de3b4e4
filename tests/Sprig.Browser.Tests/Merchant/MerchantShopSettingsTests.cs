using Microsoft.EntityFrameworkCore;
using Sprig.Browser.Tests.Infrastructure;

namespace Sprig.Browser.Tests.Merchant;

/// <summary>The shop settings form: a phone the module refuses is shown with its message and nothing is written; then it saves.</summary>
public sealed class MerchantShopSettingsTests(WebWorld world) : IClassFixture<WebWorld>
{
    private const string DemoShop = "小芽生活馆 Sprig Living";

    [Fact]
    public async Task Merchant_EditsTheShopSettings_ABadPhoneIsRefusedWithItsMessage_ThenTheyAreSaved()
    {
        var before = await world.ReadAsync(db => db.Shops.AsNoTracking().FirstAsync(s => s.Name == DemoShop));
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/shop");
        var form = merchant.Test("shop-settings");
        Assert.Equal(DemoShop, await merchant.Page.InputValueAsync("#name"));
        Assert.Equal("400-820-1234", await merchant.Page.InputValueAsync("#servicePhone"));

        // a phone no one can call: the module's rule beside the field, what was typed kept, nothing written
        await merchant.Page.FillAsync("#servicePhone", "12345");
        await merchant.Page.FillAsync("#description", "新的简介：只卖好茶。");
        await merchant.SubmitAsync(form.Locator("[data-test=save]"));
        Assert.Contains("must be a mobile number (11 digits), a landline with its area code", await merchant.FieldError(merchant.Test("shop-settings"), "servicePhone").InnerTextAsync());
        Assert.Equal("12345", await merchant.Page.InputValueAsync("#servicePhone"));
        Assert.Equal("新的简介：只卖好茶。", await merchant.Page.InputValueAsync("#description"));
        var unchanged = await world.ReadAsync(db => db.Shops.AsNoTracking().FirstAsync(s => s.Id == before.Id));
        Assert.Equal((before.ServicePhone, before.Description, before.Version), (unchanged.ServicePhone, unchanged.Description, unchanged.Version));

        await merchant.Page.FillAsync("#servicePhone", "0571-88886666");
        await merchant.Page.SelectOptionAsync("#defaultShippingHours", "24");
        await merchant.Page.FillAsync("#logoUrl", "https://cdn.example.com/sprig-living.png");
        await merchant.Page.FillAsync("#returnLine", "申富路 99 号 3 号仓");
        await merchant.SubmitAsync(merchant.Test("shop-settings").Locator("[data-test=save]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();

        var saved = await world.ReadAsync(db => db.Shops.AsNoTracking().FirstAsync(s => s.Id == before.Id));
        Assert.Equal(("0571-88886666", "新的简介：只卖好茶。", 24, "https://cdn.example.com/sprig-living.png"), (saved.ServicePhone, saved.Description, saved.DefaultShippingHours, saved.LogoUrl));
        Assert.Equal(("申富路 99 号 3 号仓", before.ReturnToName), (saved.ReturnToLine, saved.ReturnToName));
        // the page shows what was saved
        Assert.Equal("0571-88886666", await merchant.Page.InputValueAsync("#servicePhone"));
        Assert.Equal("24", await merchant.Page.InputValueAsync("#defaultShippingHours"));
        Assert.Equal("申富路 99 号 3 号仓", await merchant.Page.InputValueAsync("#returnLine"));
        await merchant.ShotAsync("merchant-shop-settings");

        await merchant.GoAsync("/lang/en?back=/merchant/shop");
        await merchant.Page.Locator("html[lang=en]").WaitForAsync();
        Assert.Contains("Return address", await merchant.Page.InnerTextAsync("main"));
        merchant.AssertNoConsoleErrors();
    }
}
