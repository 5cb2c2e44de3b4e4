using System.Globalization;
using System.Text;
using Sprig.Kernel;

namespace Sprig.Catalog.Search;

public enum ShelfSort { Relevance, Sales, PriceAsc, PriceDesc, Newest }

/// <summary>
/// One request to the shelf: text (optional), filters, sort and page. <see cref="MinPrice"/> and <see cref="MaxPrice"/>
/// bound the product's lowest SKU price, in fen. Built only through <see cref="Create"/>, which checks every field.
/// </summary>
public sealed record ShelfQuery(string? Text, Guid? CategoryId, Guid? ShopId, long? MinPrice, long? MaxPrice, ShelfSort Sort, int Limit, ShelfCursor? After)
{
    public const int MaxTextLength = 100;

    public static ShelfQuery Create(string? q, Guid? categoryId, Guid? shopId, long? minPrice, long? maxPrice, string? sort, int limit,
        string? cursor, ShelfSort defaultSort = ShelfSort.Relevance)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var parsed = defaultSort;
        var v = new Validator()
            .Require(text is null || text.Length <= MaxTextLength, "q", $"must be at most {MaxTextLength} characters")
            .Require(minPrice is null or (>= 0 and <= 1_000_000_000), "minPrice", "must be between 0 and 1000000000 fen")
            .Require(maxPrice is null or (>= 0 and <= 1_000_000_000), "maxPrice", "must be between 0 and 1000000000 fen")
            .Require(minPrice is null || maxPrice is null || minPrice <= maxPrice, "maxPrice", "must not be below minPrice")
            .Require(sort is null || (Enum.TryParse(sort, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !sort.Any(char.IsDigit)), "sort",
                "must be relevance, sales, priceAsc, priceDesc or newest")
            .Require(limit is >= 1 and <= 100, "limit", "must be between 1 and 100");
        ShelfCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && v.Ok)
        {
            after = ShelfCursor.Parse(cursor);
            v.Require(after is not null && after.Sort == parsed, "cursor", "is not a cursor this list gave out");
        }
        v.ThrowIfInvalid();
        return new ShelfQuery(text, categoryId, shopId, minPrice, maxPrice, parsed, limit, after);
    }
}

/// <summary>
/// Where a page ended: the sort it belongs to, the last item's sort value and its id (the tie-break). Opaque to
/// clients (base64url). A relevance cursor keeps the score, so a page after it starts below that score even if
/// sales moved meanwhile: an item may then appear twice or be passed over, as in any engine whose ranking moves.
/// </summary>
public sealed record ShelfCursor(ShelfSort Sort, long Value, Guid Id)
{
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}.{Value}.{Id:N}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static ShelfCursor? Parse(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight((b64.Length + 3) / 4 * 4, '='))).Split('.');
            if (parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) && Enum.IsDefined((ShelfSort)sort)
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && Guid.TryParseExact(parts[2], "N", out var id))
                return new ShelfCursor((ShelfSort)sort, value, id);
        }
        catch (FormatException)
        {
        }
        return null;
    }
}

/// <summary>A product as the shelf shows it. <see cref="Sales"/> counts units paid in the last 30 days (月销).</summary>
public sealed record ShelfItem(Guid Id, Guid ShopId, string ShopName, Guid CategoryId, string Title, long MinPrice, string Currency,
    long Stock, long Sales, DateTimeOffset ListedAt, string? Highlight);

public sealed record ShelfPage(IReadOnlyList<ShelfItem> Items, string? NextCursor);
