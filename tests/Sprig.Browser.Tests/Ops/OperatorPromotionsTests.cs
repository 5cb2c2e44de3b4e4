using Microsoft.EntityFrameworkCore;
using Sprig.Browser.Tests.Infrastructure;
using Sprig.Promotions;

namespace Sprig.Browser.Tests.Ops;

/// <summary>The operator's money-moving promotion forms: a platform coupon with its budget, a campaign from creation to its end.</summary>
public sealed class OperatorPromotionsTests(WebWorld world) : IClassFixture<WebWorld>
{
    [Fact]
    public async Task Operator_CreatesAPlatformCoupon_AfterConfirmingItsBudget_ABadPercentWritesNothing_AndBuyersCanClaimIt()
    {
        await using var ops = await world.OpenAsync(1280, 900);
        await ops.SignInAsync("ops@demo.sprig", back: "/ops/campaigns/coupons");
        var form = ops.Test("new-coupon");
        await form.Locator("summary").ClickAsync();
        await ops.Page.SelectOptionAsync("#kind", "percent");
        await ops.Page.FillAsync("#totalQuantity", "500");
        await ops.Page.FillAsync("#budget", "2000");
        await ops.Page.FillAsync("#validDays", "3");

        // paying 120% is no discount: the module's message beside the field, and no coupon or budget written
        var (coupons, budgets) = await world.ReadAsync(async db => (await db.Coupons.CountAsync(), await db.SubsidyBudgets.CountAsync()));
        await ops.Page.FillAsync("#percent", "120");
        await ops.SubmitAsync(form.Locator("[data-test=create]"));
        Assert.Contains("must be between 10 and 100", await ops.FieldError(ops.Test("new-coupon"), "percent").InnerTextAsync());
        Assert.Equal((coupons, budgets), await world.ReadAsync(async db => (await db.Coupons.CountAsync(), await db.SubsidyBudgets.CountAsync())));
        Assert.Contains("¥2,000.00", ops.Dialogs[^1]);

        await ops.Page.FillAsync("#percent", "90");
        await ops.SubmitAsync(ops.Test("new-coupon").Locator("[data-test=create]"));
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal(2, ops.Dialogs.Count);
        var coupon = await world.ReadAsync(db => db.Coupons.Where(c => c.ShopId == null).OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal((CouponKind.Percent, 90, 500, 3), (coupon.Kind, coupon.Percent, coupon.TotalQuantity, coupon.ValidDays));
        Assert.Equal(200_000, await world.ReadAsync(db => db.SubsidyBudgets.Where(b => b.Id == coupon.BudgetId).Select(b => b.Total).FirstAsync()));
        var row = ops.Page.Locator($"[data-test=coupon][data-coupon=\"{coupon.Id}\"]");
        Assert.Equal("¥0.00 / ¥2,000.00", (await row.Locator("[data-test=budget]").InnerTextAsync()).Trim());
        // the screenshot shows the form too
        await ops.Test("new-coupon").Locator("summary").ClickAsync();
        await ops.ShotAsync("ops-platform-coupons");

        // buyers find it in the platform's coupon centre
        await using var buyer = await world.OpenAsync();
        await buyer.SignInAsync("buyer@demo.sprig", back: "/coupons");
        await buyer.Page.Locator($"[data-test=coupon][data-coupon=\"{coupon.Id}\"]").WaitForAsync();

        await ops.SubmitAsync(row.Locator("[data-test=pause]"));
        Assert.Equal("Paused", await row.GetAttributeAsync("data-status"));
        ops.AssertNoConsoleErrors();
        buyer.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Operator_CreatesACampaign_TopsUpItsBudget_PausesResumesAndEndsIt_EachMoneyMoveConfirmed()
    {
        await using var ops = await world.OpenAsync(1280, 900);
        await ops.SignInAsync("ops@demo.sprig", back: "/ops/campaigns");
        var form = ops.Test("new-campaign");
        await form.Locator("summary").ClickAsync();
        await ops.Page.FillAsync("#name", "618 年中大促");
        await ops.Page.FillAsync("#budget", "50000");

        // more than the 50% a subsidy may pay is refused, and nothing is written
        var campaigns = await world.ReadAsync(db => db.Campaigns.CountAsync());
        await ops.Page.FillAsync("#subsidy", "60");
        await ops.SubmitAsync(form.Locator("[data-test=create]"));
        Assert.Contains("must be between 0 and 5000", await ops.FieldError(ops.Test("new-campaign"), "subsidyBps").InnerTextAsync());
        Assert.Equal(campaigns, await world.ReadAsync(db => db.Campaigns.CountAsync()));

        await ops.Page.FillAsync("#subsidy", "15");
        await ops.SubmitAsync(ops.Test("new-campaign").Locator("[data-test=create]"));
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Contains("¥50,000.00", ops.Dialogs[^1]);
        var row = ops.Page.Locator("[data-test=campaign][data-name=\"618 年中大促\"]");
        Assert.Equal("15%", await row.Locator("[data-test=subsidy]").InnerTextAsync());
        Assert.Equal("¥0.00 / ¥50,000.00", (await row.Locator("[data-test=budget]").InnerTextAsync()).Trim());

        // ¥10,000 more in the budget, after saying so
        await row.Locator("[data-test=change] summary").ClickAsync();
        await row.Locator("input[name=budgetTopUp]").FillAsync("10000");
        await ops.SubmitAsync(row.Locator("[data-test=change] [data-test=save]"));
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Contains("¥10,000.00", ops.Dialogs[^1]);
        Assert.Equal("¥0.00 / ¥60,000.00", (await row.Locator("[data-test=budget]").InnerTextAsync()).Trim());
        // the screenshot shows the form too
        await ops.Test("new-campaign").Locator("summary").ClickAsync();
        await ops.ShotAsync("ops-campaigns");

        await ops.SubmitAsync(row.Locator("[data-test=pause]"));
        Assert.Equal("Paused", await row.GetAttributeAsync("data-status"));
        await ops.SubmitAsync(row.Locator("[data-test=resume]"));
        Assert.Equal("Active", await row.GetAttributeAsync("data-status"));
        var asked = ops.Dialogs.Count;
        await ops.SubmitAsync(row.Locator("[data-test=end]"));
        Assert.Equal("Ended", await row.GetAttributeAsync("data-status"));
        Assert.Equal(asked + 1, ops.Dialogs.Count);
        Assert.Equal(PromotionStatus.Ended, await world.ReadAsync(db => db.Campaigns.Where(c => c.Name == "618 年中大促").Select(c => c.Status).FirstAsync()));

        // the merchant no longer sees it among the campaigns open for entries
        await using var merchant = await world.OpenAsync(1280, 900);
        await merchant.SignInAsync("merchant@demo.sprig", back: "/merchant/promotions/campaigns");
        Assert.DoesNotContain("618 年中大促", await merchant.Test("campaigns").InnerTextAsync());
        ops.AssertNoConsoleErrors();
        merchant.AssertNoConsoleErrors();
    }
}
