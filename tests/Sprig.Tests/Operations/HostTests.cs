using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Server;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Operations;

public sealed class HostTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_OpenApi_AndReferencePage_AreServed(string provider)
    {
        await using var market = await Market.StartAsync(provider);
        var anon = market.Host.Anonymous();
        Assert.Equal("Healthy", (await anon.GetAsync("/health")).Expect(HttpStatusCode.OK).Text);
        var doc = (await anon.GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Json;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/orders", paths);
        Assert.Contains("/api/orders/{orderId}/pay", paths);
        Assert.Contains("/api/shops/{shopId}/skus/{skuId}/stock", paths);
        (await anon.GetAsync("/docs")).Expect(HttpStatusCode.OK);
        (await anon.GetAsync("/api/nothing-here")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Demo_SeedsTheThreeAccounts_AndAnOpenShopWithStock()
    {
        await using var market = await Market.StartAsync(demo: true);
        var anon = market.Host.Anonymous();
        foreach (var email in new[] { "ops@demo.sprig", "merchant@demo.sprig", "buyer@demo.sprig" })
            (await anon.PostAsync("/api/auth/login", new { email, password = "sprig-demo-1" })).Expect(HttpStatusCode.OK);

        var token = (await anon.PostAsync("/api/auth/login", new { email = "merchant@demo.sprig", password = "sprig-demo-1" })).Json["accessToken"]!.GetValue<string>();
        var merchant = new Api(market.Host.CreateClient(), token);
        var shop = (await merchant.GetAsync("/api/me/shops")).Expect(HttpStatusCode.OK).Json[0]!;
        Assert.Equal("open", shop["status"]!.GetValue<string>());
        var products = (await anon.GetAsync($"/api/shops/{shop["id"]}/products?limit=100")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.True(products.Count >= 12);
        Assert.All(products, p => Assert.True(p!["stock"]!.GetValue<int>() > 0));

        // seeding is once per database: a restart does not seed again
        await using var again = new TestHost(market.Host.Database, demo: true);
        _ = again.Services;
        Assert.Equal(Sprig.Server.Demo.DemoData.Emails.Length, await market.Host.WithDbAsync(db => db.Users.CountAsync(u => u.Email.EndsWith("@demo.sprig"))));
    }

    [Fact]
    public async Task OperatorAdd_OnTheCommandLine_CreatesAnOperatorWhoCanSignIn()
    {
        await using var market = await Market.StartAsync();
        var cs = market.Host.Database.ConnectionString;
        var rc = await Cli.RunAsync(["operator", "add", "--email", "root@ops.example", "--password", "long-enough-1", "--name", "Root",
            $"--ConnectionStrings:Sprig={cs}", "--Sprig:Demo=false"]);
        Assert.Equal(0, rc);
        var login = (await market.Host.Anonymous().PostAsync("/api/auth/login", new { email = "root@ops.example", password = "long-enough-1" })).Expect(HttpStatusCode.OK).Json;
        var ops = new Api(market.Host.CreateClient(), login["accessToken"]!.GetValue<string>());
        Assert.Contains("operator", (await ops.GetAsync("/api/me")).Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        (await ops.GetAsync("/api/ops/settings")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Settings_AreData_TheOperatorChangesThePaymentWindow()
    {
        await using var market = await Market.StartAsync();
        var settings = (await market.Operator.GetAsync("/api/ops/settings")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(15, settings["ordering.unpaidTimeoutMinutes"]!.GetValue<long>());
        Assert.Equal(10, settings["ordering.autoConfirmReceiptDays"]!.GetValue<long>());
        (await market.Operator.PutAsync("/api/ops/settings/ordering.unpaidTimeoutMinutes", new { value = 30 })).Expect(HttpStatusCode.OK);
        (await market.Operator.PutAsync("/api/ops/settings/ordering.unpaidTimeoutMinutes", new { value = -1 })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await market.Operator.PutAsync("/api/ops/settings/no.such.thing", new { value = 1 })).ExpectProblem(HttpStatusCode.NotFound, "not_found");

        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId);
        var buyer = await market.Host.UserAsync();
        var order = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Json;
        var window = order["payBy"]!.GetValue<DateTimeOffset>() - order["createdAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromMinutes(30), window);
    }
}
