namespace Sprig.Server.Web.Merchant;

/// <summary>A video, post or live session as typed in the publish form, kept to show again beside the module's messages.</summary>
public sealed class ContentForm
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? MediaUrl { get; set; }
    public int? DurationSeconds { get; set; }
    public string? ScheduledAt { get; set; }
    public List<Guid> ProductIds { get; set; } = [];
}
