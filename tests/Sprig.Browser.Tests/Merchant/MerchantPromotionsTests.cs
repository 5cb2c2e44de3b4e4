using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sprig.Browser.Tests.Infrastructure;
using Sprig.Catalog;
using Sprig.Promotions;

namespace Sprig.Browser.Tests.Merchant;

/// <summary>The merchant's promotion forms: a flash sale from creation to its end, as the buyer sees it; a campaign entry the price floor caps.</summary>
public sealed class MerchantPromotionsTests(WebWorld world) : IClassFixture<WebWorld>
{
    private const string PowerBank = "磁吸无线充电宝 10000mAh";

    [Fact]
    public async Task Merchant_CreatesAFlashSale_TheBuyerSeesItOnTheProductPage_ThenChangesPausesAndEndsIt()
    {
        var product = await world.ProductAsync(PowerBank);
        var sku = await world.SkuAsync(PowerBank, "白色");
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/promotions/flash-sales");
        var form = merchant.Test("new-flash-sale");
        await form.Locator("summary").ClickAsync();
        await merchant.Page.SelectOptionAsync("#skuId", sku.ToString());

        // a flash price above the SKU's own (¥199.00) is refused with the module's words, in yuan, and nothing is written
        var before = await world.ReadAsync(db => db.FlashSales.CountAsync());
        await merchant.Page.FillAsync("#price", "250");
        await merchant.SubmitAsync(form.Locator("[data-test=create]"));
        Assert.Contains("must be below the SKU's price (¥199.00)", await merchant.FieldError(merchant.Test("new-flash-sale"), "price").InnerTextAsync());
        Assert.Equal("250", await merchant.Page.InputValueAsync("#price"));
        Assert.Equal(before, await world.ReadAsync(db => db.FlashSales.CountAsync()));

        await merchant.Page.FillAsync("#price", "149.90");
        await merchant.Page.FillAsync("#quota", "50");
        await merchant.Page.FillAsync("#perBuyerLimit", "2");
        await merchant.SubmitAsync(merchant.Test("new-flash-sale").Locator("[data-test=create]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        var row = merchant.Page.Locator($"[data-test=flash-sale][data-sku=\"{sku}\"]");
        Assert.Equal("¥149.90", await row.Locator("[data-test=flash-price]").InnerTextAsync());
        Assert.Equal("Active", await row.GetAttributeAsync("data-status"));
        // the screenshot shows the form too
        await merchant.Test("new-flash-sale").Locator("summary").ClickAsync();
        await merchant.ShotAsync("merchant-flash-sales");

        // the buyer meets it on the product page, with its countdown
        await using var buyer = await world.OpenAsync();
        await buyer.SignInAsync("buyer@demo.sprig", back: $"/p/{product}");
        Assert.Contains("¥149.90", await buyer.Test("flash-sale").InnerTextAsync());
        Assert.Contains("50", await buyer.Test("flash-sale").InnerTextAsync());

        // the quota grows; pausing takes it off the product page, resuming puts it back, ending is for good
        await row.Locator("[data-test=change] summary").ClickAsync();
        await row.Locator("input[name=quota]").FillAsync("80");
        await merchant.SubmitAsync(row.Locator("[data-test=change] [data-test=save]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal("0 / 80", (await row.Locator("[data-test=sold]").InnerTextAsync()).Trim());

        await merchant.SubmitAsync(row.Locator("[data-test=pause]"));
        Assert.Equal("Paused", await row.GetAttributeAsync("data-status"));
        await buyer.GoAsync($"/p/{product}");
        Assert.Equal(0, await buyer.Test("flash-sale").CountAsync());
        await merchant.SubmitAsync(row.Locator("[data-test=resume]"));
        Assert.Equal("Active", await row.GetAttributeAsync("data-status"));
        await merchant.SubmitAsync(row.Locator("[data-test=end]"));
        Assert.Equal("Ended", await row.GetAttributeAsync("data-status"));
        Assert.Equal(0, await row.Locator("[data-test=change]").CountAsync());
        await buyer.GoAsync($"/p/{product}");
        Assert.Equal(0, await buyer.Test("flash-sale").CountAsync());

        merchant.AssertNoConsoleErrors();
        buyer.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Merchant_EnrolsASkuInTheCampaign_ThePriceFloorRefusesMoreThanBuyersPaid_AndTheEntryIsWithdrawn()
    {
        // the demo's friend paid ¥99.00 for the black T-shirt in L; the shop then raises it to ¥129.00
        var sku = await world.SkuAsync("纯棉重磅 T 恤", "L 黑");
        await world.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Sprig.Data.SprigDb>();
            var shopId = await db.Skus.Where(k => k.Id == sku).Select(k => k.ShopId).FirstAsync();
            var shop = await db.Shops.FirstAsync(x => x.Id == shopId);
            await s.GetRequiredService<ProductDesk>().EditSkuAsync(shop, sku, new SkuEdit(null, 12_900));
        });

        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/promotions/campaigns");
        await merchant.Page.SelectOptionAsync("#skuId", sku.ToString());
        var entries = await world.ReadAsync(db => db.CampaignEntries.CountAsync());

        // ¥119.00 is below today's price but above what a buyer paid in the last 30 days: the floor says so
        await merchant.Page.FillAsync("#price", "119");
        await merchant.SubmitAsync(merchant.Test("enrol").Locator("[data-test=submit]"));
        Assert.Contains("must not be above the lowest price paid in the last 30 days (¥99.00)",
            await merchant.FieldError(merchant.Test("enrol"), "price").InnerTextAsync());
        Assert.Equal(entries, await world.ReadAsync(db => db.CampaignEntries.CountAsync()));

        await merchant.Page.FillAsync("#price", "89");
        await merchant.SubmitAsync(merchant.Test("enrol").Locator("[data-test=submit]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        var row = merchant.Page.Locator($"[data-test=entry][data-sku=\"{sku}\"]");
        Assert.Equal("Pending", await row.GetAttributeAsync("data-status"));
        Assert.Contains("¥89.00", await row.InnerTextAsync());
        Assert.Contains("¥99.00", await row.InnerTextAsync());
        await merchant.ShotAsync("merchant-campaign-entries");

        await merchant.SubmitAsync(row.Locator("[data-test=withdraw]"));
        Assert.Equal("Withdrawn", await row.GetAttributeAsync("data-status"));
        Assert.Equal(EntryStatus.Withdrawn, await world.ReadAsync(db => db.CampaignEntries.Where(e => e.SkuId == sku).Select(e => e.Status).FirstAsync()));
        merchant.AssertNoConsoleErrors();
    }
}
