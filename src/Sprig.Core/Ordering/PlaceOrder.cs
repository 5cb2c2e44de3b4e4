using Sprig.Kernel;

namespace Sprig.Ordering;

public sealed record OrderItem(Guid? SkuId, int? Quantity);

/// <summary>What a buyer asks for at checkout, with the attribution the client knows.</summary>
public sealed record PlaceOrder(
    Guid BuyerId,
    IReadOnlyList<OrderItem>? Items,
    Address? Address,
    string? Scene = null,
    string? ImpressionId = null,
    string? ContentId = null,
    Guid? CreatorId = null,
    IReadOnlyList<Guid>? SharerChain = null,
    string? TrafficPool = null,
    string? IdempotencyKey = null,
    IReadOnlyList<Guid>? CouponIds = null)
{
    public const int MaxLines = 50;
    public const int MaxQuantityPerLine = 999;

    /// <summary>Checks the shape of the request; the stock and the shop are checked when the order is placed.</summary>
    public (Scene Scene, IReadOnlyList<(Guid SkuId, int Quantity)> Lines) Validate()
    {
        var v = new Validator();
        CheckItems(v, Items);
        v.Require(Address is not null, "address", "is required");
        if (Address is not null)
        {
            v.Text(Address.Name, "address.name", 64)
             .Text(Address.Phone, "address.phone", 32)
             .Text(Address.Region, "address.region", 128)
             .Text(Address.Line, "address.line", 256);
        }
        Ordering.Scene scene = Ordering.Scene.Other;
        v.Require(Scene is null || (Enum.TryParse(Scene, true, out scene) && Enum.IsDefined(scene)), "scene",
            "must be one of live, shortVideo, share, showcase, feed, search, officialAccount, miniProgram, other");
        v.Text(ImpressionId, "impressionId", 64, required: false)
         .Text(ContentId, "contentId", 64, required: false)
         .Text(TrafficPool, "trafficPool", 32, required: false)
         .Text(IdempotencyKey, "Idempotency-Key", 200, required: false)
         .Require(SharerChain is null || SharerChain.Count <= 20, "sharerChain", "at most 20 sharers")
         .Require(CouponIds is null || CouponIds.Distinct().Count() <= 2, "couponIds", "at most one shop coupon and one platform coupon");
        v.ThrowIfInvalid();

        return (scene, LinesOf(Items!));
    }

    /// <summary>Checks a request's items (the field names are the API's).</summary>
    public static void CheckItems(Validator v, IReadOnlyList<OrderItem>? items)
    {
        v.Require(items is { Count: > 0 }, "items", "needs at least one item")
         .Require(items is null || items.Count <= MaxLines, "items", $"at most {MaxLines} items");
        for (var i = 0; items is not null && i < items.Count && i < MaxLines; i++)
        {
            var it = items[i];
            v.Require(it?.SkuId is not null, $"items[{i}].skuId", "is required")
             .Require(it?.Quantity is >= 1 and <= MaxQuantityPerLine, $"items[{i}].quantity", $"must be between 1 and {MaxQuantityPerLine}");
        }
    }

    /// <summary>Checked items as lines: the same SKU twice in one request is one line.</summary>
    public static IReadOnlyList<(Guid SkuId, int Quantity)> LinesOf(IReadOnlyList<OrderItem> items)
    {
        var lines = items.GroupBy(i => i!.SkuId!.Value)
            .Select(g => (g.Key, g.Sum(i => i!.Quantity!.Value)))
            .ToList();
        if (lines.Any(l => l.Item2 > MaxQuantityPerLine))
            throw SprigException.Validation("items", $"at most {MaxQuantityPerLine} of one SKU");
        return lines;
    }
}
