namespace Sprig.Server.Web.Merchant;

/// <summary>The shop's analytics with charts, from <see cref="ShopDashboard"/> (a stand-in until the Analytics module lands).</summary>
public sealed class AnalyticsModel(ShopDashboard dashboard) : MerchantPage
{
    public ShopFigures? Figures { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Figures = await dashboard.ForAsync(Shop.Id, ct);
}
