using System.Net;

namespace Sprig.Tests.Infrastructure;

/// <summary>Coupons, flash sales and campaigns made and claimed through the API.</summary>
public static class Promos
{
    public static async Task<string> ShopCouponAsync(Market market, Api merchant, string shopId, string kind = "direct", long? amount = 1_000,
        long? threshold = null, int? percent = null, int total = 1_000, int perBuyer = 1, string[]? productIds = null, int? validDays = null)
    {
        var now = market.Host.Clock.GetUtcNow();
        return (await merchant.PostAsync($"/api/shops/{shopId}/coupons", new
        {
            kind, amount, threshold, percent, totalQuantity = total, perBuyerLimit = perBuyer, claimFrom = now.AddMinutes(-1), claimTo = now.AddDays(7),
            validDays, productIds,
        })).Expect(HttpStatusCode.Created).Id;
    }

    /// <summary>A platform coupon; returns its id and its budget's id.</summary>
    public static async Task<(string Id, string BudgetId)> PlatformCouponAsync(Market market, long budget, string kind = "threshold", long? amount = 500,
        long? threshold = 5_000, int total = 10_000, int perBuyer = 1, string? campaignId = null)
    {
        var now = market.Host.Clock.GetUtcNow();
        var json = (await market.Operator.PostAsync("/api/ops/coupons", new
        {
            kind, amount, threshold, totalQuantity = total, perBuyerLimit = perBuyer, budget = campaignId is null ? budget : (long?)null,
            claimFrom = now.AddMinutes(-1), claimTo = now.AddDays(7), campaignId,
        })).Expect(HttpStatusCode.Created).Json;
        return (json["id"]!.GetValue<string>(), json["budgetId"]!.GetValue<string>());
    }

    /// <summary>Claims a coupon; returns the buyer's copy's id, which checkout takes.</summary>
    public static async Task<string> ClaimAsync(Api buyer, string couponId) =>
        (await buyer.PostAsync($"/api/coupons/{couponId}/claim")).Expect(HttpStatusCode.Created).Id;

    public static async Task<string> FlashSaleAsync(Market market, Api merchant, string shopId, string skuId, long price, int quota, int perBuyer,
        double startsInHours = -1, double hours = 2)
    {
        var now = market.Host.Clock.GetUtcNow();
        return (await merchant.PostAsync($"/api/shops/{shopId}/flash-sales", new
        {
            skuId, price, quota, perBuyerLimit = perBuyer, startsAt = now.AddHours(startsInHours), endsAt = now.AddHours(startsInHours + hours),
        })).Expect(HttpStatusCode.Created).Id;
    }

    public static object Order(string skuId, int quantity = 1, params string[] couponIds) =>
        new { items = new[] { new { skuId, quantity } }, address = Market.Address, couponIds };

    public static async Task<long> BudgetDrawnAsync(Market market, string budgetId) =>
        await market.Host.WithDbAsync(async db => (await db.SubsidyBudgets.FindAsync(Guid.Parse(budgetId)))!.Drawn);
}
