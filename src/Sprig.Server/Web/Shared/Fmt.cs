using System.Globalization;

namespace Sprig.Server.Web.Shared;

/// <summary>How the UI shows money, time and rates. Money is fen in the data and yuan with two decimals on screen.</summary>
public static partial class Fmt
{
    /// <summary>China Standard Time: the platform's business day, whatever the server's zone.</summary>
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>12345 → ¥123.45; 1234500 → ¥12,345.00; −150 → −¥1.50: Money's text with the screen's digit grouping and minus sign.</summary>
    public static string Yuan(long fen)
    {
        var abs = Math.Abs(fen);
        var text = "¥" + (abs / 100).ToString("#,0", CultureInfo.InvariantCulture) + "." + (abs % 100).ToString("00", CultureInfo.InvariantCulture);
        return fen < 0 ? "−" + text : text;
    }

    public static string Yuan(long? fen) => fen is { } f ? Yuan(f) : "—";

    /// <summary>For an input's value: 12345 → "123.45".</summary>
    public static string YuanInput(long? fen) => fen is { } f ? (f / 100m).ToString("0.00", CultureInfo.InvariantCulture) : "";

    /// <summary>"123.45" / "123" / "¥1,234.5" → fen; null when it is not an amount (the module then says what it needs).</summary>
    public static long? Fen(string? yuan)
    {
        if (string.IsNullOrWhiteSpace(yuan)) return null;
        var s = yuan.Trim().TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return null;
        if (decimal.Round(d, 2) != d || Math.Abs(d) > 100_000_000_000m) return null;
        return (long)(d * 100);
    }

    /// <summary>
    /// The modules speak fen in their messages ("must be below the SKU's price (3900 fen)"), the API's unit; a form
    /// asks for yuan, so beside a field the amounts read as yuan too (¥39.00).
    /// </summary>
    public static string YuanInText(string message) => FenInText().Replace(message, m => Yuan(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

    [System.Text.RegularExpressions.GeneratedRegex(@"(-?\d{1,15}) fen\b")]
    private static partial System.Text.RegularExpressions.Regex FenInText();

    /// <summary>"12.5" / "12.5%" → 1250 basis points; null when it is not a percentage with at most two decimals.</summary>
    public static int? PercentToBps(string? percent)
    {
        if (string.IsNullOrWhiteSpace(percent)) return null;
        var s = percent.Trim().TrimEnd('%', '％').Trim();
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return null;
        if (decimal.Round(d, 2) != d || Math.Abs(d) > 1_000_000m) return null;
        return (int)(d * 100);
    }

    /// <summary>Basis points for a percentage input: 1250 → "12.5".</summary>
    public static string PercentInput(long bps) => (bps / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? t) => t is { } v ? v.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateTimeOffset t) => t.ToOffset(Beijing).ToString("MM-dd", CultureInfo.InvariantCulture);

    /// <summary>For a datetime-local input, in Beijing time.</summary>
    public static string TimeInput(DateTimeOffset? t) => t is { } v ? v.ToOffset(Beijing).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// A datetime-local input's Beijing time, handed to the modules in UTC like every time the clock gives them: on
    /// SQLite a DateTimeOffset is stored by EF's binary converter from its local ticks, so a +08:00 time would compare
    /// eight hours late against the clock's UTC "now" (a coupon "claimable from now" was not claimable yet).
    /// </summary>
    public static DateTimeOffset? ParseTime(string? s) =>
        DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Unspecified), Beijing).ToUniversalTime() : null;

    /// <summary>Basis points as a percentage: 250 → 2.5%.</summary>
    public static string Bps(long bps) => (bps / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string Short(Guid id) => id.ToString("N")[^8..];
}
