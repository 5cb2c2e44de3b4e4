using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Finance;

public enum FeeProgramKind { NewShop, PrivateDomain, CommissionFreeCard, Brand }

/// <summary>
/// An incentive program that may lower the technical service fee of an order line. Effective-dated data the
/// operator creates, changes and ends; when several apply, the lowest rate wins, never below the channel fee.
/// </summary>
public sealed class FeeProgram
{
    public Guid Id { get; init; }
    public FeeProgramKind Kind { get; init; }
    public required string Name { get; set; }
    public int RateBps { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    /// <summary>New shop: the GMV (fee base) the program covers, ¥1,000,000 by default.</summary>
    public long? GmvCap { get; set; }
    /// <summary>New shop: how long after opening it applies, 30 days by default.</summary>
    public int? DaysFromOpening { get; set; }
    /// <summary>Private domain: the shop score must be above this, in tenths (42 = 4.2).</summary>
    public int? MinShopScoreTenths { get; set; }
    /// <summary>Scenes it covers (comma-separated scene names), for the private-domain and product-card programs.</summary>
    public string? Scenes { get; set; }
    /// <summary>Product card: the enrolled categories (comma-separated ids).</summary>
    public string? CategoryIds { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public bool ActiveAt(DateTimeOffset t) => StartsAt <= t && (EndsAt is null || t < EndsAt);

    public bool CoversScene(Scene scene) =>
        Scenes is not null && Scenes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(s => string.Equals(s, scene.ToString(), StringComparison.OrdinalIgnoreCase));

    public bool CoversCategory(Guid categoryId) =>
        CategoryIds is not null && CategoryIds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(c => Guid.TryParse(c, out var id) && id == categoryId);

    public void End(DateTimeOffset now)
    {
        if (EndsAt is { } e && e <= now) throw SprigException.InvalidState("The program has already ended.");
        EndsAt = now < StartsAt ? StartsAt : now;
    }
}
