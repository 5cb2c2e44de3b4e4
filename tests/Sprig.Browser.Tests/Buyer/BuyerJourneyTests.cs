using System.Diagnostics;
using Sprig.Browser.Tests.Infrastructure;

namespace Sprig.Browser.Tests.Buyer;

/// <summary>Must-hold 1: a newcomer signs up, finds a product through a video, claims a coupon, checks out and pays.</summary>
public sealed class BuyerJourneyTests(WebWorld world, ITestOutputHelper output) : IClassFixture<WebWorld>
{
    [Fact]
    public async Task NewBuyer_SignsUp_OpensAProductFromAVideo_ClaimsACoupon_ChecksOut_Pays_AndSeesTheOrderPaid()
    {
        await using var buyer = await world.OpenAsync();
        var page = buyer.Page;

        // back to "me": the feed's first page is then the one timed below (what was served is not served again)
        await buyer.GoAsync("/signup?back=/me");
        await page.FillAsync("#displayName", "新朋友 Newcomer");
        await page.FillAsync("#email", $"newcomer-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#password", "long-enough-1");
        await Task.WhenAll(page.WaitForURLAsync(u => !u.Contains("/signup", StringComparison.Ordinal)), page.ClickAsync("[data-test=signup-form] button[type=submit]"));

        // the first page of the recommended tab, timed from navigation to the first tile on screen
        var clock = Stopwatch.StartNew();
        await buyer.GoAsync("/?tab=recommended");
        await buyer.Test("feed-item").First.WaitForAsync();
        clock.Stop();
        output.WriteLine($"feed first page rendered in {clock.ElapsedMilliseconds} ms");
        FeedTiming.Record("newcomer, recommended, first page", clock.Elapsed);
        // the target is 1 s (docs/benchmarks.md reports the measured figures); the test fails only far above it, since
        // the machines' 2 cores are shared and a busy neighbour must not make the suite flaky
        Assert.True(clock.Elapsed < FeedTiming.Ceiling, $"the feed's first page took {clock.ElapsedMilliseconds} ms");
        Assert.Equal("recommended", await buyer.Test("feed").GetAttributeAsync("data-tab"));
        await buyer.AssertNoHorizontalScrollAsync();
        await buyer.ShotAsync("buyer-feed-recommended");

        // a video, then the product on its card
        await buyer.Page.Locator("[data-test=feed-item][data-kind=video]").First.ClickAsync();
        await buyer.Test("content").WaitForAsync();
        await buyer.AssertNoHorizontalScrollAsync();
        await buyer.ShotAsync("buyer-video");
        await buyer.Test("product-card").First.ClickAsync();
        await buyer.Test("product").WaitForAsync();
        Assert.Contains("cid=", page.Url, StringComparison.Ordinal);

        // claim one of each coupon the product page offers (htmx swaps each into its new state)
        var coupons = buyer.Test("coupon");
        var offered = await coupons.CountAsync();
        Assert.True(offered > 0, "the product page offers coupons to claim");
        for (var i = 0; i < offered; i++)
        {
            var id = await coupons.Nth(i).GetAttributeAsync("data-coupon");
            await coupons.Nth(i).Locator("[data-test=claim]").ClickAsync();
            await page.Locator($"[data-coupon=\"{id}\"][data-held=\"1\"]").WaitForAsync();
        }
        await page.GotoAsync("/coupons");
        Assert.Equal(offered, await page.Locator("[data-test=my-coupons] tbody tr").CountAsync());
        await page.GoBackAsync();
        await buyer.AssertNoHorizontalScrollAsync();
        await buyer.ShotAsync("buyer-product");

        // checkout: the quote with the best coupons, an address, the order
        await Task.WhenAll(page.WaitForURLAsync("**/checkout?**"), buyer.Test("buy-now").ClickAsync());
        await buyer.Test("best").WaitForAsync();
        var discount = await buyer.Test("shop-discount").InnerTextAsync() + await buyer.Test("platform-discount").InnerTextAsync();
        Assert.Matches(@"¥\d[\d,]*\.\d\d", discount);
        Assert.DoesNotContain("¥0.00¥0.00", discount.Replace("−", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await page.FillAsync("#name", "林小芽");
        await page.FillAsync("#phone", "13800000000");
        await page.FillAsync("#region", "上海市浦东新区");
        await page.FillAsync("#line", "世纪大道 1 号");
        await buyer.AssertNoHorizontalScrollAsync();
        await buyer.ShotAsync("buyer-checkout");
        await Task.WhenAll(page.WaitForURLAsync("**/orders/*"), buyer.Test("submit-order").ClickAsync());
        Assert.Equal("PendingPayment", await buyer.Test("order-status").GetAttributeAsync("data-status"));

        // pay with the sandbox gateway, after the confirmation every money move asks for
        await Task.WhenAll(page.WaitForLoadStateAsync(), buyer.Test("pay").ClickAsync());
        await page.Locator("[data-test=order-status][data-status=PendingShipment]").WaitForAsync();
        Assert.Single(buyer.Dialogs);
        Assert.Contains("¥", buyer.Dialogs[0], StringComparison.Ordinal);
        await buyer.AssertNoHorizontalScrollAsync();
        await buyer.ShotAsync("buyer-order-paid");

        await buyer.GoAsync("/orders");
        Assert.Equal("PendingShipment", await buyer.Test("order-row").First.GetAttributeAsync("data-status"));
        buyer.AssertNoConsoleErrors();
    }
}
