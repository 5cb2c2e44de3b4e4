using Sprig.Kernel;

namespace Sprig.Analytics;

/// <summary>A range of analytics days, both ends included; by default the last 30 days.</summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public int FromDay => AnalyticsDay.Of(From);
    public int ToDay => AnalyticsDay.Of(To);

    public static AnalyticsPeriod Parse(string? from, string? to, DateTimeOffset now)
    {
        var today = AnalyticsDay.Date(AnalyticsDay.Of(now));
        DateOnly f = today.AddDays(-29), t = today;
        var v = new Validator()
            .Require(from is null || DateOnly.TryParseExact(from, "yyyy-MM-dd", out f), "from", "must be a date, yyyy-MM-dd")
            .Require(to is null || DateOnly.TryParseExact(to, "yyyy-MM-dd", out t), "to", "must be a date, yyyy-MM-dd");
        v.ThrowIfInvalid();
        if (from is null && to is not null) f = t.AddDays(-29);
        if (to is null && from is not null) t = f.AddDays(29) < today ? f.AddDays(29) : today;
        new Validator()
            .Require(t >= f, "to", "must not be before from")
            .Require(t.DayNumber - f.DayNumber < MaxDays, "to", $"a period is at most {MaxDays} days")
            .ThrowIfInvalid();
        return new AnalyticsPeriod(f, t);
    }
}
