using System.Text;
using Sprig.Kernel;

namespace Sprig.Server.Http;

/// <summary>A page of a list: <c>{ items, nextCursor }</c>. Cursors are opaque to clients.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int Limit(int? limit)
    {
        new Validator().Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"must be between 1 and {MaxLimit}").ThrowIfInvalid();
        return limit ?? DefaultLimit;
    }

    /// <summary>Lists are newest first by id (UUID v7 sorts by time); the cursor is the last id served.</summary>
    public static Guid? After(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/').PadRight((cursor.Length + 3) / 4 * 4, '=')));
            if (Guid.TryParse(text, out var id)) return id;
        }
        catch (FormatException)
        {
        }
        throw SprigException.Validation("cursor", "is not a cursor this list gave out");
    }

    public static Page<TOut> Of<TIn, TOut>(IReadOnlyList<TIn> fetched, int limit, Func<TIn, Guid> id, Func<TIn, TOut> map)
    {
        // the caller fetched limit + 1 rows: the extra one only says there is more
        var items = fetched.Take(limit).Select(map).ToList();
        string? next = null;
        if (fetched.Count > limit)
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes(id(fetched[limit - 1]).ToString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new Page<TOut>(items, next);
    }
}
