using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sprig.Browser.Tests.Infrastructure;
using Sprig.Content;
using Sprig.Finance;

namespace Sprig.Browser.Tests.Merchant;

/// <summary>The merchant's content and affiliate forms: a video with a product card as the buyer sees it, the live room's pin, affiliate plans.</summary>
public sealed class MerchantContentTests(WebWorld world) : IClassFixture<WebWorld>
{
    [Fact]
    public async Task Merchant_PublishesAVideoWithAProductCard_TheBuyerSeesIt_ThenEditsAndRemovesIt()
    {
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/content");
        var serum = await world.ProductAsync("保湿修护精华 30ml");
        var form = merchant.Test("new-content");
        await form.Locator("summary").ClickAsync();
        await merchant.Page.SelectOptionAsync("#kind", "video");
        await merchant.Page.FillAsync("#title", "秋冬保湿三步走");
        await merchant.Page.FillAsync("#mediaUrl", "https://media.sprig.example/v/moist.mp4");
        await merchant.Page.FillAsync("#durationSeconds", "45");
        await merchant.Page.FillAsync("#body", "洁面、精华、面霜，敏感肌也能用。");
        await form.Locator($"input[name=productIds][value=\"{serum}\"]").CheckAsync();
        await merchant.SubmitAsync(merchant.Test("new-content").Locator("[data-test=publish]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        var row = merchant.Page.Locator("[data-test=content]", new PageLocatorOptions { HasText = "秋冬保湿三步走" });
        Assert.Equal("Published", await row.GetAttributeAsync("data-status"));
        Assert.Contains("保湿修护精华", await row.Locator("[data-test=card]").InnerTextAsync());
        var id = await row.GetAttributeAsync("data-content");
        // the screenshot shows the form too
        await merchant.Test("new-content").Locator("summary").ClickAsync();
        await merchant.ShotAsync("merchant-content");

        // the buyer opens it, with the serum's card leading to the product
        await using var buyer = await world.OpenAsync();
        await buyer.SignInAsync("buyer@demo.sprig", back: $"/v/{id}");
        Assert.Equal("秋冬保湿三步走", (await buyer.Page.Locator("[data-test=content] h1").InnerTextAsync()).Trim());
        Assert.Contains("保湿修护精华", await buyer.Test("product-card").InnerTextAsync());

        // an edited title reaches the buyer; a removed video is gone
        await row.Locator("[data-test=edit] summary").ClickAsync();
        await row.Locator("input[name=title]").FillAsync("秋冬保湿三步走（敏感肌版）");
        await merchant.SubmitAsync(row.Locator("[data-test=edit] [data-test=save]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        await buyer.GoAsync($"/v/{id}");
        Assert.Equal("秋冬保湿三步走（敏感肌版）", (await buyer.Page.Locator("[data-test=content] h1").InnerTextAsync()).Trim());

        var edited = merchant.Page.Locator($"[data-test=content][data-content=\"{id}\"]");
        await merchant.SubmitAsync(edited.Locator("[data-test=remove]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Contains(merchant.Dialogs, d => d.Contains("删除", StringComparison.Ordinal));
        Assert.Equal(0, await edited.CountAsync());
        using var http = new HttpClient { BaseAddress = new Uri(world.BaseUrl) };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/v/{id}")).StatusCode);

        // what the spam filter suspects is held, and the merchant reads why
        await merchant.Test("new-content").Locator("summary").ClickAsync();
        await merchant.Page.SelectOptionAsync("#kind", "post");
        await merchant.Page.FillAsync("#title", "加我微信 sprig888 领福利");
        await merchant.Page.FillAsync("#mediaUrl", "https://media.sprig.example/p/promo.jpg");
        await merchant.SubmitAsync(merchant.Test("new-content").Locator("[data-test=publish]"));
        var held = merchant.Page.Locator("[data-test=content]", new PageLocatorOptions { HasText = "领福利" });
        Assert.Equal("HeldForReview", await held.GetAttributeAsync("data-status"));
        Assert.False(string.IsNullOrWhiteSpace(await held.Locator("[data-test=hold-reason]").InnerTextAsync()));

        merchant.AssertNoConsoleErrors();
        buyer.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Merchant_PinsAnotherProductInTheLiveRoomOnAir_TheViewerSeesIt_ThenTakesThePinDown()
    {
        var live = await world.ReadAsync(db => db.ContentItems.Where(c => c.Kind == ContentKind.Live && c.LiveStatus == LiveStatus.OnAir).Select(c => c.Id).FirstAsync());
        var nougat = await world.ProductAsync("手工牛轧糖礼盒");
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/content");
        var row = merchant.Page.Locator($"[data-test=content][data-content=\"{live}\"]");
        await row.Locator("[data-test=pin] select").SelectOptionAsync(nougat.ToString());
        await merchant.SubmitAsync(row.Locator("[data-test=pin] button"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();

        await using var viewer = await world.OpenAsync();
        await viewer.SignInAsync("buyer@demo.sprig", back: $"/live/{live}");
        Assert.Contains("手工牛轧糖礼盒", await viewer.Test("pinned").InnerTextAsync());

        await row.Locator("[data-test=pin] select").SelectOptionAsync("");
        await merchant.SubmitAsync(row.Locator("[data-test=pin] button"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        await viewer.GoAsync($"/live/{live}");
        Assert.Equal(0, await viewer.Test("pinned").CountAsync());
        Assert.Null(await world.ReadAsync(db => db.ContentItems.Where(c => c.Id == live).Select(c => c.PinnedProductId).FirstAsync()));
        merchant.AssertNoConsoleErrors();
        viewer.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Merchant_CreatesOpenAndTargetedAffiliatePlans_ABadRateWritesNothing_AndEndsOne()
    {
        var cleanser = await world.ProductAsync("氨基酸洁面乳");
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/affiliates");
        var form = merchant.Test("new-plan");
        await form.Locator("summary").ClickAsync();
        await merchant.Page.SelectOptionAsync("#productId", cleanser.ToString());
        await merchant.Page.SelectOptionAsync("#kind", "open");

        // 120% is more than the 90% a plan may give: the module's message, and no plan
        var plans = await world.ReadAsync(db => db.AffiliatePlans.CountAsync());
        await merchant.Page.FillAsync("#rate", "120");
        await merchant.SubmitAsync(form.Locator("[data-test=create]"));
        Assert.Contains("must be between 0 and 9000", await merchant.FieldError(merchant.Test("new-plan"), "rateBps").InnerTextAsync());
        Assert.Equal(plans, await world.ReadAsync(db => db.AffiliatePlans.CountAsync()));

        await merchant.Page.FillAsync("#rate", "12.5");
        await merchant.SubmitAsync(merchant.Test("new-plan").Locator("[data-test=create]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        var open = merchant.Page.Locator($"[data-test=plan][data-product=\"{cleanser}\"][data-kind=Open]");
        Assert.Equal("12.5%", await open.Locator("[data-test=rate]").InnerTextAsync());

        // a targeted plan for the creator already promoting the shop's serum (her id is listed under the form)
        await merchant.Test("new-plan").Locator("summary").ClickAsync();
        var creator = (await merchant.Test("creator-id").First.InnerTextAsync()).Trim();
        await merchant.Page.SelectOptionAsync("#productId", cleanser.ToString());
        await merchant.Page.SelectOptionAsync("#kind", "targeted");
        await merchant.Page.FillAsync("#rate", "20");
        await merchant.Page.FillAsync("#creatorIds", creator);
        await merchant.SubmitAsync(merchant.Test("new-plan").Locator("[data-test=create]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        var targeted = merchant.Page.Locator($"[data-test=plan][data-product=\"{cleanser}\"][data-kind=Targeted]");
        Assert.Equal("20%", await targeted.Locator("[data-test=rate]").InnerTextAsync());
        // the screenshot shows the form too
        await merchant.Test("new-plan").Locator("summary").ClickAsync();
        await merchant.ShotAsync("merchant-affiliates");

        await merchant.SubmitAsync(targeted.Locator("[data-test=end]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal("0", await targeted.GetAttributeAsync("data-active"));
        Assert.Equal(1, await world.ReadAsync(db => db.AffiliatePlans.CountAsync(p => p.ProductId == cleanser && p.EndedAt == null && p.Kind == AffiliatePlanKind.Open)));
        merchant.AssertNoConsoleErrors();
    }
}
