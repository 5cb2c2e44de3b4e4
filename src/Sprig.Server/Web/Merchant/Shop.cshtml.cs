namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's settings as the platform holds them. Shops has no edit route yet: name and kind are set when the shop opens.</summary>
public sealed class ShopModel : MerchantPage
{
    public void OnGet()
    {
    }
}
