using System.Globalization;
using Sprig.Ordering;

namespace Sprig.Server.Web.Buyer;

/// <summary>
/// The cart lives in a cookie ("sku:qty,sku:qty"): nothing about it must be correct on the server until checkout,
/// which prices and reserves through Ordering like POST /api/orders. Any node can read it; dropping it loses nothing paid.
/// </summary>
public static class CartCookie
{
    public const string Name = "sprig-cart";
    private const int MaxLines = PlaceOrder.MaxLines;

    public static List<(Guid SkuId, int Quantity)> Read(HttpRequest request) => Parse(request.Cookies[Name]);

    public static List<(Guid SkuId, int Quantity)> Parse(string? text)
    {
        var lines = new List<(Guid, int)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Take(MaxLines))
        {
            var bits = part.Split(':');
            if (bits.Length == 2 && Guid.TryParse(bits[0], out var sku) && int.TryParse(bits[1], NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= PlaceOrder.MaxQuantityPerLine)
                lines.Add((sku, q));
        }
        return lines;
    }

    public static string Format(IEnumerable<(Guid SkuId, int Quantity)> lines) =>
        string.Join(',', lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.SkuId:N}:{l.Quantity}")));

    public static void Write(HttpResponse response, IEnumerable<(Guid SkuId, int Quantity)> lines) =>
        response.Cookies.Append(Name, Format(lines.Take(MaxLines)), new CookieOptions { MaxAge = TimeSpan.FromDays(30), HttpOnly = true, SameSite = SameSiteMode.Lax });
}
