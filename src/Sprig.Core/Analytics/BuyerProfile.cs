namespace Sprig.Analytics;

public enum Gender { Female, Male, Other }

public enum AgeBand { Under18, From18To24, From25To30, From31To40, From41To50, Over50 }

/// <summary>City tier as the platforms group cities: 1 (Beijing, Shanghai ...), new 1, 2, 3, 4, 5.</summary>
public enum CityTier { Tier1, NewTier1, Tier2, Tier3, Tier4, Tier5 }

/// <summary>
/// What a buyer chose to tell about themselves, for persona breakdowns; every field optional, and the buyer can clear
/// them. Analytics reads the current profile when it answers, so a cleared profile leaves every breakdown at once.
/// </summary>
public sealed class BuyerProfile
{
    public Guid UserId { get; init; }
    public Gender? Gender { get; set; }
    public AgeBand? AgeBand { get; set; }
    public CityTier? CityTier { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
