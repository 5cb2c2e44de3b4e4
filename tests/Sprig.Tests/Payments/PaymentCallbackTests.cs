using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Kernel;
using Sprig.Payments;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Payments;

/// <summary>The sandbox gateway's signed callbacks: a forged one changes nothing, a replayed one pays nothing twice.</summary>
public sealed class PaymentCallbackTests
{
    private static async Task<(Market Market, Api Buyer, string OrderId, SignedCallback Callback)> PendingPaymentAsync(string provider)
    {
        var market = await Market.StartAsync(provider);
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (8_800, 10));
        var buyer = await market.Host.UserAsync();
        var orderId = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0], 2))).Expect(HttpStatusCode.Created).Id;

        // the gateway has charged and is about to call back: an intent and its signed notice
        var intent = new PaymentIntent
        {
            Id = Ids.New(), OrderId = Guid.Parse(orderId), BuyerId = buyer.UserId, Amount = 17_600, Gateway = SandboxGateway.Name,
            CreatedAt = market.Host.Clock.GetUtcNow(),
        };
        await market.Host.WithDbAsync(db => { db.PaymentIntents.Add(intent); return db.SaveChangesAsync(); });
        var callback = await market.Host.Service<SandboxGateway>().ChargeAsync(intent);
        return (market, buyer, orderId, callback);
    }

    private static Task<Reply> Deliver(Market market, SignedCallback cb) =>
        market.Host.Anonymous().SendAsync(HttpMethod.Post, "/api/payments/sandbox/callback", cb.Body,
            headers: new Dictionary<string, string> { [SandboxGateway.SignatureHeader] = cb.Signature });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Callback_WithBadSignature_ChangesNothing(string provider)
    {
        var (market, buyer, orderId, cb) = await PendingPaymentAsync(provider);
        await using var _ = market;

        (await Deliver(market, cb with { Signature = new string('0', 64) })).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_signature");
        // a body changed after signing: the amount lowered
        (await Deliver(market, cb with { Body = cb.Body.Replace("17600", "1") })).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_signature");
        (await market.Host.Anonymous().PostRawAsync("/api/payments/sandbox/callback", cb.Body)).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_signature");

        Assert.Equal(10, (await buyer.GetAsync($"/api/orders/{orderId}")).Json["statusCode"]!.GetValue<int>());
        Assert.Equal("pending", (await buyer.GetAsync($"/api/orders/{orderId}/payments")).Json[0]!["status"]!.GetValue<string>());
        Assert.Equal(0, await market.Host.WithDbAsync(db => db.PaymentCallbacks.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SameCallback_DeliveredManyTimesAtOnce_PaysOnce(string provider)
    {
        var (market, buyer, orderId, cb) = await PendingPaymentAsync(provider);
        await using var _ = market;

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Deliver(market, cb)));
        Assert.All(replies, r => r.Expect(HttpStatusCode.OK));
        Assert.Single(replies, r => r.Json["outcome"]!.GetValue<string>() == "paid");
        Assert.Equal(19, replies.Count(r => r.Json["outcome"]!.GetValue<string>() == "duplicate"));

        var later = (await Deliver(market, cb)).Expect(HttpStatusCode.OK);
        Assert.Equal("duplicate", later.Json["outcome"]!.GetValue<string>());

        Assert.Equal(20, (await buyer.GetAsync($"/api/orders/{orderId}")).Json["statusCode"]!.GetValue<int>());
        var payments = (await buyer.GetAsync($"/api/orders/{orderId}/payments")).Json.AsArray();
        Assert.Single(payments);
        Assert.Equal("succeeded", payments[0]!["status"]!.GetValue<string>());
        Assert.Equal(1, await market.Host.WithDbAsync(db => db.PaymentCallbacks.CountAsync()));
    }

    [Fact]
    public async Task PayingTwiceAtOnce_ChargesOnce_AndRefundsTheOther()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (100, 10));
        var buyer = await market.Host.UserAsync();
        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id;

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })));
        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        Assert.Contains(replies, r => r.Status == HttpStatusCode.OK);
        var payments = (await buyer.GetAsync($"/api/orders/{id}/payments")).Json.AsArray();
        Assert.Single(payments, p => p!["status"]!.GetValue<string>() == "succeeded");
        Assert.DoesNotContain(payments, p => p!["status"]!.GetValue<string>() == "pending");
        Assert.Equal(20, (await buyer.GetAsync($"/api/orders/{id}")).Json["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pay_WithTheSameIdempotencyKey_ReplaysTheFirstResponse()
    {
        await using var market = await Market.StartAsync();
        var (merchant, shopId) = await market.OpenShopAsync();
        var (_, skus) = await market.ListProductAsync(merchant, shopId, (100, 10));
        var buyer = await market.Host.UserAsync();
        var id = (await buyer.PostAsync("/api/orders", Market.OrderOf(skus[0]))).Expect(HttpStatusCode.Created).Id;

        var first = (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" }, idempotencyKey: "pay-1")).Expect(HttpStatusCode.OK);
        var retry = (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" }, idempotencyKey: "pay-1")).Expect(HttpStatusCode.OK);
        Assert.Equal(first.Text, retry.Text);
        Assert.Single((await buyer.GetAsync($"/api/orders/{id}/payments")).Json.AsArray());
        // without the key, paying again is an error, not a second charge
        (await buyer.PostAsync($"/api/orders/{id}/pay", new { gateway = "sandbox" })).ExpectProblem(HttpStatusCode.Conflict, "invalid_state");
    }
}
