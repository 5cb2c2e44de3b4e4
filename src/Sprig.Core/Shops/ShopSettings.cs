using Sprig.Catalog;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Shops;

/// <summary>
/// What a merchant changes about their shop. A field left null stays as it is; an empty description, logo or
/// service phone clears it. A return address, when given, needs all four parts (couriers need every one).
/// </summary>
public sealed record ShopSettings(
    string? Name = null, string? Description = null, string? LogoUrl = null, string? ServicePhone = null,
    int? DefaultShippingHours = null, Address? ReturnAddress = null)
{
    public const int MaxDescription = 500;
    public const int MaxLogoUrl = 500;

    /// <summary>Every field's problems at once, before anything is written.</summary>
    public void Check()
    {
        var v = new Validator();
        // the name follows the rule it was opened with
        if (Name is not null) v.Text(Name, "name", 64);
        v.Text(Description, "description", MaxDescription, required: false);
        if (!string.IsNullOrEmpty(LogoUrl))
        {
            v.Require(LogoUrl.Length <= MaxLogoUrl, "logoUrl", $"must be at most {MaxLogoUrl} characters")
             .Require(Uri.TryCreate(LogoUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                      && !string.IsNullOrEmpty(uri.Host), "logoUrl", "must be an http or https address");
        }
        if (!string.IsNullOrEmpty(ServicePhone)) v.Require(PhoneNumber.IsValid(ServicePhone), "servicePhone", PhoneNumber.Rule);
        v.Require(DefaultShippingHours is null || Product.ShippingPromisesHours.Contains(DefaultShippingHours.Value), "defaultShippingHours", "must be 24, 48 or 72");
        if (ReturnAddress is { } a)
        {
            // the same limits as an order's address, and a phone a courier can call
            v.Text(a.Name, "returnAddress.name", 64)
             .Text(a.Phone, "returnAddress.phone", 32)
             .Text(a.Region, "returnAddress.region", 128)
             .Text(a.Line, "returnAddress.line", 256);
            if (!string.IsNullOrWhiteSpace(a.Phone)) v.Require(PhoneNumber.IsValid(a.Phone), "returnAddress.phone", PhoneNumber.Rule);
        }
        v.ThrowIfInvalid();
    }
}
