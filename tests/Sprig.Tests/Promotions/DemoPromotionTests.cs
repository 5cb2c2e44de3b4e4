using System.Net;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Promotions;

/// <summary>Issue 4's "done when", on the demo data itself.</summary>
public sealed class DemoPromotionTests
{
    [Fact]
    public async Task DemoBuyer_ClaimsTwoCoupons_BuysInTheFlashSale_AndTheMerchantsSettlementShowsTheSubsidy()
    {
        await using var market = await Market.StartAsync(demo: true);
        var buyer = await market.SignInDemoAsync("buyer@demo.sprig");
        var merchant = await market.SignInDemoAsync("merchant@demo.sprig");
        var shopId = (await merchant.GetAsync("/api/me/shops")).Json[0]!["id"]!.GetValue<string>();

        var shopCoupon = (await buyer.GetAsync($"/api/shops/{shopId}/coupons")).Expect(HttpStatusCode.OK).Json[0]!["id"]!.GetValue<string>();
        var platformCoupon = (await buyer.GetAsync("/api/coupons")).Expect(HttpStatusCode.OK).Json[0]!["id"]!.GetValue<string>();
        var mine = new[] { await Promos.ClaimAsync(buyer, shopCoupon), await Promos.ClaimAsync(buyer, platformCoupon) };

        var products = (await buyer.GetAsync($"/api/shops/{shopId}/products?limit=100")).Expect(HttpStatusCode.OK).Json["items"]!.AsArray();
        var charger = products.Single(p => p!["title"]!.GetValue<string>().StartsWith("20W"))!;
        var tea = products.Single(p => p!["title"]!.GetValue<string>().Contains("普洱"))!["skus"]![0]!;
        var flash = (await buyer.GetAsync($"/api/products/{charger["id"]}/promotions")).Expect(HttpStatusCode.OK).Json["flashSales"]![0]!;
        Assert.True(flash["on"]!.GetValue<bool>());

        // charger at the flash price 2,900 + tea 16,800 = 19,700; the shop's ¥15 off ¥100, then the platform's ¥5 off ¥50
        var items = new[] { new { skuId = flash["skuId"]!.GetValue<string>(), quantity = 1 }, new { skuId = tea["id"]!.GetValue<string>(), quantity = 1 } };
        var best = (await buyer.PostAsync("/api/orders/quote", new { items })).Expect(HttpStatusCode.OK).Json["best"]!;
        Assert.Equal(17_700, best["paid"]!.GetValue<long>());
        var order = (await buyer.PostAsync("/api/orders", new { items, address = Market.Address, couponIds = mine })).Expect(HttpStatusCode.Created).Json;
        Assert.Equal((19_700L, 1_500L, 500L, 17_700L), (order["original"]!.GetValue<long>(), order["shopDiscount"]!.GetValue<long>(),
            order["platformDiscount"]!.GetValue<long>(), order["paid"]!.GetValue<long>()));
        Assert.Contains(order["lines"]!.AsArray(), l => l!["flashSaleId"] is not null && l["unitPrice"]!.GetValue<long>() == 2_900);

        var orderId = order["id"]!.GetValue<string>();
        (await buyer.PostAsync($"/api/orders/{orderId}/pay", new { gateway = "sandbox" })).Expect(HttpStatusCode.OK);
        (await merchant.PostAsync($"/api/shops/{shopId}/orders/{orderId}/ship", new { carrier = "顺丰", trackingNumber = "SF100" })).Expect(HttpStatusCode.OK);
        (await buyer.PostAsync($"/api/orders/{orderId}/confirm-receipt")).Expect(HttpStatusCode.OK);
        await market.AdvanceAsync(8 * 24);

        var settlement = (await merchant.GetAsync($"/api/orders/{orderId}/settlement")).Expect(HttpStatusCode.OK).Json;
        Assert.True(settlement["settled"]!.GetValue<bool>());
        Assert.Equal(500, settlement["subsidy"]!.GetValue<long>());
        Assert.Equal(17_700 + 500 - settlement["fee"]!.GetValue<long>(), settlement["net"]!.GetValue<long>());
        await market.AssertLedgerBalancedAsync();
    }
}
