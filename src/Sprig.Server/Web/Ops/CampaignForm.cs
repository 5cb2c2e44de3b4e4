namespace Sprig.Server.Web.Ops;

/// <summary>A campaign as typed in the form (subsidy in %, budget in yuan, Beijing time), kept to show again beside the module's messages.</summary>
public sealed class CampaignForm
{
    public string? Name { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? Subsidy { get; set; }
    public string? Budget { get; set; }
}
