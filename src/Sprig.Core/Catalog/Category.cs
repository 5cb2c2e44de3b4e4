namespace Sprig.Catalog;

/// <summary>A node of the category tree. Leaves carry the technical service fee rate and the deposit.</summary>
public sealed class Category
{
    /// <summary>The fee rates DOMAIN.md allows, in basis points: 1%, 2%, 2.5%, 3%, 4%, 5%.</summary>
    public static readonly int[] AllowedFeeRatesBps = [100, 200, 250, 300, 400, 500];

    public Guid Id { get; init; }
    public Guid? ParentId { get; init; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int FeeRateBps { get; set; }
    public long DepositFen { get; set; }
    public int SortOrder { get; set; }
}
