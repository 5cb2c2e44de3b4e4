using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>The ecosystem dashboard, from <see cref="EcosystemDashboard"/> (a stand-in until the Analytics module lands).</summary>
public sealed class IndexModel(EcosystemDashboard dashboard) : WebPage
{
    public EcosystemFigures? Figures { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Figures = await dashboard.ForAsync(ct);
}
