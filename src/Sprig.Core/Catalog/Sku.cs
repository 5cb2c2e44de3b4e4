namespace Sprig.Catalog;

/// <summary>One sellable variant with its own price and stock. Stock is what is free to sell: placed orders have already taken theirs.</summary>
public sealed class Sku
{
    public const int MaxStock = 10_000_000;

    public Guid Id { get; init; }
    public Guid ProductId { get; init; }
    /// <summary>Copied from the product so checkout can check the shop without a join.</summary>
    public Guid ShopId { get; init; }
    public required string Name { get; set; }
    public long Price { get; set; }
    public int Stock { get; set; }
}
