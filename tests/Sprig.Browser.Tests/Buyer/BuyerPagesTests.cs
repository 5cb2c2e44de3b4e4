using Microsoft.EntityFrameworkCore;
using Sprig.Browser.Tests.Infrastructure;
using Sprig.Data;

namespace Sprig.Browser.Tests.Buyer;

/// <summary>Must-hold 4 on the demo buyer's pages: none scrolls sideways at 390 px, none logs a console error; and the language switch.</summary>
public sealed class BuyerPagesTests(WebWorld world, ITestOutputHelper output) : IClassFixture<WebWorld>
{
    [Fact]
    public async Task EveryBuyerPage_FitsA390PxPhone_WithNoConsoleErrors()
    {
        await using var buyer = await world.OpenAsync();
        await buyer.SignInAsync("buyer@demo.sprig", back: "/me");

        // the friends tab says why: "N 位好友赞过"
        await buyer.GoAsync("/?tab=friends");
        await buyer.Test("feed-item").First.WaitForAsync();
        Assert.Contains(await buyer.Test("reason").AllInnerTextsAsync(), r => r.Contains("位好友赞过", StringComparison.Ordinal));
        await buyer.ShotAsync("buyer-feed-friends");

        // following: the live room on air comes first
        await buyer.GoAsync("/?tab=following");
        var first = buyer.Test("feed-item").First;
        Assert.Equal("live", await first.GetAttributeAsync("data-kind"));
        await first.ClickAsync();
        await buyer.Test("on-air").WaitForAsync();
        await buyer.Test("pinned").WaitForAsync();
        Assert.Matches(@"\d+", await buyer.Test("viewers").InnerTextAsync());
        await buyer.AssertNoHorizontalScrollAsync();
        await buyer.ShotAsync("buyer-live-room");

        // the flash sale's countdown ticks on the server's clock
        using var db = world.Service<IDbContextFactory<SprigDb>>().CreateDbContext();
        var charger = await db.Products.Where(p => p.Title.StartsWith("20W")).Select(p => p.Id).FirstAsync();
        await buyer.GoAsync($"/p/{charger}");
        await buyer.Test("flash-sale").WaitForAsync();
        await buyer.Page.WaitForFunctionAsync("() => /\\d\\d:\\d\\d:\\d\\d/.test(document.querySelector('[data-test=countdown]').textContent)");
        await buyer.ShotAsync("buyer-flash-sale");

        foreach (var path in new[] { "/", "/?tab=friends", "/?tab=following", $"/p/{charger}", "/cart", "/orders", "/coupons", "/me", "/me/after-sales", "/search?q=茶" })
        {
            await buyer.GoAsync(path);
            await buyer.AssertNoHorizontalScrollAsync();
        }
        await buyer.ShotAsync("buyer-search");

        // English: the switch sets a cookie and the same page comes back in English
        await buyer.GoAsync("/?tab=friends");
        await Task.WhenAll(buyer.Page.WaitForLoadStateAsync(), buyer.Test("lang-switch").ClickAsync());
        await buyer.Page.Locator("html[lang=en]").WaitForAsync();
        Assert.Contains("Friends", await buyer.Test("tab-friends").InnerTextAsync());
        await buyer.GoAsync("/orders");
        Assert.Contains("My orders", await buyer.Page.Locator("h1").InnerTextAsync());
        await buyer.ShotAsync("buyer-orders-en");
        buyer.AssertNoConsoleErrors();

        // a visitor who is not signed in: the shelf's best sellers, and the way in
        await using var visitor = await world.OpenAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await visitor.GoAsync("/");
        output.WriteLine($"anonymous home in {clock.ElapsedMilliseconds} ms");
        await visitor.AssertNoHorizontalScrollAsync();
        await visitor.ShotAsync("buyer-home-visitor");
        await visitor.GoAsync("/signin");
        await visitor.AssertNoHorizontalScrollAsync();
        visitor.AssertNoConsoleErrors();
    }
}
