using Sprig.Browser.Tests.Infrastructure;

namespace Sprig.Browser.Tests.Ops;

/// <summary>Must-hold 3: the operator approves a new shop, changes a fee program, and reads the ecosystem dashboard's charts.</summary>
public sealed class OperatorTests(WebWorld world) : IClassFixture<WebWorld>
{
    [Fact]
    public async Task Operator_ApprovesANewShop_ChangesAFeeProgram_AndTheDashboardChartsRenderData()
    {
        // someone applies for a shop in the UI
        await using var applicant = await world.OpenAsync();
        await applicant.GoAsync("/signup?back=/merchant");
        await applicant.Page.FillAsync("#displayName", "新店主");
        await applicant.Page.FillAsync("#email", $"shopkeeper-{Guid.NewGuid():N}@example.com");
        await applicant.Page.FillAsync("#password", "long-enough-1");
        await Task.WhenAll(applicant.Page.WaitForURLAsync("**/merchant/open"), applicant.Page.ClickAsync("[data-test=signup-form] button[type=submit]"));
        var name = $"青禾小店 {Guid.NewGuid().ToString("N")[..6]}";
        await applicant.Page.FillAsync("#name", name);
        await applicant.Page.SelectOptionAsync("#kind", "individual");
        await Task.WhenAll(applicant.Page.WaitForLoadStateAsync(), applicant.Page.ClickAsync("[data-test=open-shop] button"));
        await applicant.Page.Locator(".flash.ok").WaitForAsync();

        await using var ops = await world.OpenAsync(1280, 900);
        await ops.SignInAsync("ops@demo.sprig", back: "/ops/shops");
        var row = ops.Page.Locator($"[data-test=shop-row][data-name=\"{name}\"]");
        await ops.ShotAsync("ops-shop-review");
        await Task.WhenAll(ops.Page.WaitForLoadStateAsync(), row.Locator("[data-test=approve]").ClickAsync());
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        await ops.GoAsync("/ops/shops?status=Open");
        await ops.Page.Locator($"[data-test=shop-row][data-name=\"{name}\"]").WaitForAsync();

        // the new-shop program goes from 1% to 0.8%; an out-of-range rate is refused with the module's own message
        await ops.GoAsync("/ops/fee-programs");
        var program = ops.Page.Locator("[data-test=fee-program][data-kind=NewShop]");
        await program.Locator("[data-test=rate]").FillAsync("900");
        await Task.WhenAll(ops.Page.WaitForLoadStateAsync(), program.Locator("[data-test=save]").ClickAsync());
        Assert.Contains("must be between 0 and 500", await ops.Page.Locator("[data-test=fee-program][data-kind=NewShop] .field-error").InnerTextAsync());
        await program.Locator("[data-test=rate]").FillAsync("80");
        await Task.WhenAll(ops.Page.WaitForLoadStateAsync(), program.Locator("[data-test=save]").ClickAsync());
        await ops.Page.Locator(".flash.ok").WaitForAsync();
        Assert.Equal("0.8%", await ops.Page.Locator("[data-test=fee-program][data-kind=NewShop] [data-test=rate-shown]").InnerTextAsync());
        await ops.ShotAsync("ops-fee-programs");

        // the dashboard: every chart drawn, and drawn from data (the demo's orders, shops and SKUs)
        await ops.GoAsync("/ops");
        await ops.Page.WaitForFunctionAsync("() => document.querySelectorAll('canvas[data-drawn]').length === document.querySelectorAll('canvas[data-chart]').length");
        var charts = await ops.Page.EvaluateAsync<int[]>(@"() => [...document.querySelectorAll('canvas[data-chart]')].map(c => {
            const chart = window.Chart.getChart(c);
            return chart.data.datasets.reduce((n, d) => n + d.data.filter(v => Number(v) > 0).length, 0);
        })");
        Assert.True(charts.Length >= 5, $"{charts.Length} charts");
        Assert.All(charts, points => Assert.True(points > 0, "a chart with no data: " + string.Join(",", charts)));
        Assert.True(int.Parse(await ops.Test("open-shops").InnerTextAsync()) >= 3);
        await ops.ShotAsync("ops-dashboard");

        await ops.GoAsync("/ops/ledger");
        Assert.Equal("¥0.00", await ops.Test("total").InnerTextAsync());
        applicant.AssertNoConsoleErrors();
        ops.AssertNoConsoleErrors();
    }
}
