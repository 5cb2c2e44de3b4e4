namespace Sprig.Content;

/// <summary>How a product came to be pinned: the author's own shop's, through an affiliate plan the creator joined, or any listed product (recorded as such).</summary>
public enum CardSource { OwnShop, AffiliatePlan, Listed }

/// <summary>A product card (商品卡) pinned to a piece of content.</summary>
public sealed class ProductCard
{
    public Guid ContentId { get; init; }
    public Guid ProductId { get; init; }
    public Guid ShopId { get; init; }
    public int Position { get; init; }
    public CardSource Source { get; init; }
    /// <summary>The creator's promotion (affiliate plan membership) when <see cref="Source"/> is AffiliatePlan.</summary>
    public Guid? PromotionId { get; init; }
}
