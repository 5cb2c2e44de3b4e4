using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

// What the API returns. Plain records mapped by hand: the wire shape is the contract of API.md.

public sealed record UserDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles)
{
    public static UserDto From(User u) => new(u.Id, u.Email, u.DisplayName, Accounts.Roles.Names(u.Roles).ToList());
}

public sealed record ShopDto(Guid Id, Guid OwnerId, string Name, ShopKind Kind, ShopStatus Status, string? StatusReason,
    decimal Score, string Currency, long Deposit, DateTimeOffset CreatedAt, DateTimeOffset? OpenedAt,
    string? Description, string? LogoUrl, string? ServicePhone, int DefaultShippingHours, Address? ReturnAddress)
{
    /// <summary>The shop as anyone sees it: everything but the return address and why the platform suspended or rejected it (an operator's note to the merchant).</summary>
    public static ShopDto From(Shop s) => Of(s, null, null);

    /// <summary>The shop as its owner and operators see it, with the return address (a warehouse's contact; buyers get it on an approved return).</summary>
    public static ShopDto ForOwner(Shop s) => Of(s, s.ReturnAddress, s.StatusReason);

    private static ShopDto Of(Shop s, Address? returnAddress, string? statusReason) => new(s.Id, s.OwnerId, s.Name, s.Kind, s.Status, statusReason, s.ScoreTenths / 10m,
        Money.Currency, s.DepositFen, s.CreatedAt, s.OpenedAt, s.Description, s.LogoUrl, s.ServicePhone, s.DefaultShippingHours, returnAddress);
}

public sealed record SkuDto(Guid Id, Guid ProductId, string Name, long Price, int Stock, string Currency)
{
    public static SkuDto From(Sku s) => new(s.Id, s.ProductId, s.Name, s.Price, s.Stock, Money.Currency);
}

public sealed record ProductDto(Guid Id, Guid ShopId, Guid CategoryId, string Title, string? Description, ProductStatus Status,
    StockKind StockKind, int? PresaleShipDays, int ShippingHours, ReturnPolicy ReturnPolicy, bool FreightInsurance,
    string Currency, long MinPrice, int Stock, DateTimeOffset CreatedAt, DateTimeOffset? ListedAt, IReadOnlyList<SkuDto> Skus,
    DateTimeOffset? ReviewedAt, string? BlockReason, DateTimeOffset? BlockedAt)
{
    // a blocked product is seen only by its shop and operators (GET /api/products/{id} answers 404 to others), so its reason is theirs
    public static ProductDto From(Product p) => new(p.Id, p.ShopId, p.CategoryId, p.Title, p.Description, p.Status, p.StockKind,
        p.PresaleShipDays, p.ShippingHours, p.ReturnPolicy, p.FreightInsurance, Money.Currency,
        p.Skus.Count == 0 ? 0 : p.Skus.Min(s => s.Price), p.Skus.Sum(s => s.Stock), p.CreatedAt, p.ListedAt,
        p.Skus.OrderBy(s => s.Id).Select(SkuDto.From).ToList(), p.ReviewedAt, p.BlockReason, p.BlockedAt);
}

public sealed record OrderLineDto(Guid Id, Guid SkuId, Guid ProductId, string Title, string SkuName, int Quantity, long UnitPrice,
    Guid? FlashSaleId, Guid? CampaignId, long Original, long ShopDiscount, long PlatformDiscount, long CreatorDiscount, long Freight, long Paid, long Refunded,
    DateTimeOffset? ShipBy, Guid? ShipmentId, DateTimeOffset? ShippedAt, bool ShippedLate)
{
    public static OrderLineDto From(Order o, OrderLine l) => new(l.Id, l.SkuId, l.ProductId, l.Title, l.SkuName, l.Quantity, l.UnitPrice,
        l.FlashSaleId, l.CampaignId, l.Original, l.ShopDiscount, l.PlatformDiscount, l.CreatorDiscount, l.Freight, l.Paid, l.Refunded,
        o.ShipBy(l), l.ShipmentId, l.ShippedAt, l.ShippedLate);
}

public sealed record ShipmentDto(Guid Id, string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);

public sealed record OrderDto(Guid Id, Guid BuyerId, Guid ShopId, OrderStatus Status, int StatusCode, string Currency,
    long Original, long ShopDiscount, long PlatformDiscount, long CreatorDiscount, long Freight, long Paid, long Refunded,
    Guid? ShopCouponId, Guid? PlatformCouponId, Scene Scene, string? ImpressionId, string? ContentId, Guid? CreatorId, IReadOnlyList<string> SharerChain, string? TrafficPool,
    Address Address, DateTimeOffset CreatedAt, DateTimeOffset PayBy, DateTimeOffset? PaidAt, DateTimeOffset? ShippedAt,
    DateTimeOffset? ReceivedAt, bool ReceiptAutoConfirmed, DateTimeOffset? CancelledAt, CancelReason? CancelReason, DateTimeOffset? SettledAt,
    IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<ShipmentDto> Shipments)
{
    public static OrderDto From(Order o) => new(o.Id, o.BuyerId, o.ShopId, o.Status, o.StatusCode, Money.Currency,
        o.Original, o.ShopDiscount, o.PlatformDiscount, o.CreatorDiscount, o.Freight, o.Paid, o.Refunded,
        o.ShopCouponId, o.PlatformCouponId, o.Scene, o.ImpressionId, o.ContentId, o.CreatorId, o.SharerChain?.Split(',') ?? [], o.TrafficPool,
        o.Address, o.CreatedAt, o.PayBy, o.PaidAt, o.ShippedAt, o.ReceivedAt, o.ReceiptAutoConfirmed, o.CancelledAt, o.CancelReason, o.SettledAt,
        o.Lines.OrderBy(l => l.Id).Select(l => OrderLineDto.From(o, l)).ToList(),
        o.Shipments.OrderBy(s => s.ShippedAt).Select(s => new ShipmentDto(s.Id, s.Carrier, s.TrackingNumber, s.ShippedAt)).ToList());
}
