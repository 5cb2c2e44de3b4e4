using Microsoft.EntityFrameworkCore;
using Sprig.Browser.Tests.Infrastructure;
using Sprig.Catalog;

namespace Sprig.Browser.Tests.Ops;

/// <summary>The spot-check queue: the operator passes one product and blocks another with a reason the merchant reads, then lifts the block.</summary>
public sealed class OperatorProductReviewTests(WebWorld world) : IClassFixture<WebWorld>
{
    private const string Nougat = "手工牛轧糖礼盒";
    private const string PuEr = "云南古树普洱茶饼 357g";
    private const string Reason = "包装标注的产地与实物不符，请整改";

    [Fact]
    public async Task Operator_BlocksAProductWithAReason_TheMerchantSeesIt_AndCannotListIt_ThenTheOperatorUnblocksIt()
    {
        var nougat = await world.ProductAsync(Nougat);
        var puEr = await world.ProductAsync(PuEr);
        await using var ops = await world.OpenAsync(1280, 900);
        await ops.SignInAsync("ops@demo.sprig", back: "/ops/products");
        var row = ops.Page.Locator($"[data-test=queued][data-id=\"{nougat}\"]");
        await row.WaitForAsync();

        // passing takes a product out of the queue
        await ops.SubmitAsync(ops.Page.Locator($"[data-test=queued][data-id=\"{puEr}\"] [data-test=pass]"));
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal(0, await ops.Page.Locator($"[data-test=queued][data-id=\"{puEr}\"]").CountAsync());

        // blocking asks first; without a reason the module refuses, beside the row's reason, and nothing changes
        await ops.SubmitAsync(row.Locator("[data-test=block]"));
        Assert.Contains("封禁", ops.Dialogs[^1]);
        Assert.Contains("is required", await ops.FieldError(ops.Page.Locator($"[data-test=queued][data-id=\"{nougat}\"]"), "reason").InnerTextAsync());
        Assert.Equal(ProductStatus.Listed, await StatusAsync(nougat));

        await row.Locator("input[name=reason]").FillAsync(Reason);
        await ops.SubmitAsync(row.Locator("[data-test=block]"));
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal(2, ops.Dialogs.Count);
        Assert.Equal(ProductStatus.BlockedByPlatform, await StatusAsync(nougat));
        Assert.Equal(0, await row.CountAsync());
        var blocked = ops.Page.Locator($"[data-test=blocked-product][data-id=\"{nougat}\"]");
        Assert.Contains(Reason, await blocked.InnerTextAsync());
        await ops.ShotAsync("ops-product-review");

        // the merchant reads why, and has no button to put it back on sale
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/products");
        var mine = merchant.Page.Locator($"[data-test=product][data-id=\"{nougat}\"]");
        Assert.Contains(Reason, await mine.Locator("[data-test=block-reason]").InnerTextAsync());
        Assert.Equal(0, await mine.Locator("[data-test=list]").CountAsync());
        await merchant.ShotAsync("merchant-product-blocked");

        // lifted: delisted, and the merchant lists it again
        await ops.SubmitAsync(blocked.Locator("[data-test=unblock]"));
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal(0, await blocked.CountAsync());
        Assert.Equal(ProductStatus.Delisted, await StatusAsync(nougat));

        await merchant.GoAsync("/merchant/products");
        Assert.Equal(0, await mine.Locator("[data-test=block-reason]").CountAsync());
        await merchant.SubmitAsync(mine.Locator("[data-test=list]"));
        await merchant.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal(ProductStatus.Listed, await StatusAsync(nougat));

        ops.AssertNoConsoleErrors();
        merchant.AssertNoConsoleErrors();
    }

    private Task<ProductStatus> StatusAsync(Guid id) => world.ReadAsync(db => db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => p.Status).FirstAsync());
}
