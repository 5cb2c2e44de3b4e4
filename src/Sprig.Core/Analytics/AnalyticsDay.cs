namespace Sprig.Analytics;

/// <summary>Analytics days are the platform's business days: Beijing time (UTC+8), as yyyymmdd.</summary>
public static class AnalyticsDay
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static int Of(DateTimeOffset at)
    {
        var d = at.ToOffset(Offset);
        return d.Year * 10_000 + d.Month * 100 + d.Day;
    }

    public static int MonthOf(int day) => day / 100;

    public static DateOnly Date(int day) => new(day / 10_000, day / 100 % 100, day % 100);

    public static int Of(DateOnly date) => date.Year * 10_000 + date.Month * 100 + date.Day;

    /// <summary>The start of a day (UTC+8) as an instant.</summary>
    public static DateTimeOffset Start(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}
