using System.Text.RegularExpressions;

namespace Sprig.Shops;

/// <summary>
/// Phone numbers as a shop gives them to buyers and couriers: an 11-digit mainland mobile (13800138000, +86 allowed),
/// a landline with its area code and an optional extension (021-12345678, 0571 8888 6666-123), or a 400/800 service
/// line. Spaces are allowed between groups and kept as typed.
/// </summary>
public static partial class PhoneNumber
{
    public const string Rule = "must be a mobile number (11 digits), a landline with its area code (021-12345678) or a 400/800 number";

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        return Mobile().IsMatch(t) || Landline().IsMatch(t) || ServiceLine().IsMatch(t);
    }

    [GeneratedRegex(@"^(\+?86-?)?1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[48]00-?[0-9]{3}-?[0-9]{4}$")]
    private static partial Regex ServiceLine();
}
