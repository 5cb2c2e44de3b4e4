using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Buyer;

/// <summary>One served feed item as a tile: where it links (with its impression id, so the order keeps the attribution), its price and shop, and why it was shown.</summary>
public sealed record FeedTile(ServedItem Served, string Href, long? MinPrice, string? ShopName)
{
    public Candidate Item => Served.Item;

    public string Icon => Item.Kind switch
    {
        FeedItemKind.Video => "▶",
        FeedItemKind.Live => "📡",
        FeedItemKind.Post => "📝",
        _ => "🛍",
    };

    /// <summary>The reason line: "2 位好友赞过", "新品" for the cold-start pool, "品牌" for the brand pool, and so on.</summary>
    public string Reason(Lang l)
    {
        var r = Served.Reason;
        if (r.FriendsLiked is > 0 and var n) return n == 1 && l.En ? l["reason.friendLiked"] : l.F("reason.friendsLiked", n);
        if (r.Boost == "brand") return l["reason.brand"];
        if (r.Boost == "live") return l["reason.live"];
        if (r.Pool == PoolTiers.Defaults[PoolTiers.ColdStart].Name) return l["reason.new"];
        if (r.Pool is { Length: > 0 } && r.Pool != "organic") return l["reason.trending"];
        return r.Source == TrafficSource.Private ? l["reason.following"] : l["reason.forYou"];
    }
}

public static class FeedView
{
    public static async Task<List<FeedTile>> TilesAsync(SprigDb db, IReadOnlyList<ServedItem> served, CancellationToken ct)
    {
        var productIds = served.Where(s => s.Item.Kind == FeedItemKind.Product && s.Item.ProductId is not null).Select(s => s.Item.ProductId!.Value).ToArray();
        var prices = await db.Skus.AsNoTracking().Where(s => productIds.Contains(s.ProductId))
            .GroupBy(s => s.ProductId).Select(g => new { g.Key, Min = g.Min(s => s.Price) }).ToDictionaryAsync(x => x.Key, x => x.Min, ct);
        var shopIds = served.Where(s => s.Item.ShopId is not null).Select(s => s.Item.ShopId!.Value).Distinct().ToArray();
        var shops = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return served.Select(s =>
        {
            var imp = "imp=" + s.ImpressionId;
            var href = s.Item.Kind switch
            {
                FeedItemKind.Product => $"/p/{s.Item.ProductId}?{imp}",
                FeedItemKind.Live => $"/live/{s.Item.Id}?{imp}",
                _ => $"/v/{s.Item.Id}?{imp}",
            };
            return new FeedTile(s, href, s.Item.Kind == FeedItemKind.Product && s.Item.ProductId is { } p && prices.TryGetValue(p, out var min) ? min : null,
                s.Item.ShopId is { } shop ? shops.GetValueOrDefault(shop) : null);
        }).ToList();
    }
}
