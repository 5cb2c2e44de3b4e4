using Sprig.Promotions;

namespace Sprig.Server.Web.Shared;

/// <summary>
/// The pause / resume / end buttons of a coupon, flash sale or campaign, only those its status allows
/// (PromotionStatuses.Move says the rest). <paramref name="ConfirmEnd"/> asks before ending one whose end moves money.
/// </summary>
public sealed record PromotionMoves(string Handler, Guid Id, PromotionStatus Status, bool Over = false, string? ConfirmEnd = null)
{
    public IEnumerable<string> Actions => (Status, Over) switch
    {
        (PromotionStatus.Ended, _) => [],
        (_, true) => ["end"],
        (PromotionStatus.Active, _) => ["pause", "end"],
        _ => ["resume", "end"],
    };

    /// <summary>The status a button's action asks for.</summary>
    public static PromotionStatus To(string? action) => action switch
    {
        "pause" => PromotionStatus.Paused,
        "resume" => PromotionStatus.Active,
        "end" => PromotionStatus.Ended,
        _ => throw Kernel.SprigException.Validation("action", "must be pause, resume or end"),
    };
}
