namespace Sprig.Server.Web.Merchant;

/// <summary>A flash sale as typed in the form (yuan, Beijing time), kept to show again beside the module's messages.</summary>
public sealed class FlashSaleForm
{
    public Guid? SkuId { get; set; }
    public string? Price { get; set; }
    public int? Quota { get; set; }
    public int? PerBuyerLimit { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
}
