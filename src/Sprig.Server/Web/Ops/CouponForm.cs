namespace Sprig.Server.Web.Ops;

/// <summary>A platform coupon as typed in the form (yuan, Beijing time), kept to show again beside the module's messages.</summary>
public sealed class CouponForm
{
    public string? Kind { get; set; }
    public string? Threshold { get; set; }
    public string? Amount { get; set; }
    public int? Percent { get; set; }
    public int? TotalQuantity { get; set; }
    public int? PerBuyerLimit { get; set; }
    public string? Budget { get; set; }
    public string? ClaimFrom { get; set; }
    public string? ClaimTo { get; set; }
    public int? ValidDays { get; set; }
}
