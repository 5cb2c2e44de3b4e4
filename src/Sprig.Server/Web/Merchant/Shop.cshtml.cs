using Microsoft.AspNetCore.Mvc;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// The shop's settings (PATCH /api/shops/{id} through ShopDesk): name, introduction, logo, customer-service phone,
/// the default shipping promise and the return address. The form sends every field as typed, so an emptied name is
/// refused as the API would refuse it rather than left unchanged.
/// </summary>
public sealed class ShopModel(ShopDesk shops) : MerchantPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? LogoUrl { get; set; }
    [BindProperty] public string? ServicePhone { get; set; }
    [BindProperty] public int? DefaultShippingHours { get; set; }
    [BindProperty] public string? ReturnName { get; set; }
    [BindProperty] public string? ReturnPhone { get; set; }
    [BindProperty] public string? ReturnRegion { get; set; }
    [BindProperty] public string? ReturnLine { get; set; }

    public void OnGet()
    {
        (Name, Description, LogoUrl, ServicePhone, DefaultShippingHours) = (Shop.Name, Shop.Description, Shop.LogoUrl, Shop.ServicePhone, Shop.DefaultShippingHours);
        (ReturnName, ReturnPhone, ReturnRegion, ReturnLine) = (Shop.ReturnToName, Shop.ReturnToPhone, Shop.ReturnToRegion, Shop.ReturnToLine);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // an address left wholly empty is no change; a partly filled one goes to the module, which names the missing parts
        var returnTo = new[] { ReturnName, ReturnPhone, ReturnRegion, ReturnLine }.All(string.IsNullOrWhiteSpace)
            ? null
            : new Address(ReturnName ?? "", ReturnPhone ?? "", ReturnRegion ?? "", ReturnLine ?? "");
        var settings = new ShopSettings(Name ?? "", Description ?? "", LogoUrl ?? "", ServicePhone ?? "", DefaultShippingHours, returnTo);
        return RunAsync(() => shops.ChangeSettingsAsync(Shop, settings, ct), Say("m.shop.saved"));
    }
}
