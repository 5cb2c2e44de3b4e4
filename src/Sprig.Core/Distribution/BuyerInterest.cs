namespace Sprig.Distribution;

/// <summary>How much a buyer engages with a category (clicks, likes, purchases weigh in); the ranking's personal part.</summary>
public sealed class BuyerInterest
{
    public Guid BuyerId { get; init; }
    public Guid CategoryId { get; init; }
    public int Weight { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A buyer's feed settings: personalised recommendation can be switched off (then recommended ranks by item quality alone).</summary>
public sealed class FeedPreference
{
    public Guid UserId { get; init; }
    public bool Personalised { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
}
