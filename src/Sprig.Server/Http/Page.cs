using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// One page of a list, newest first: checks limit and cursor, fetches one row more than asked (it only says
    /// there is more) and maps the rest.
    /// </summary>
    public static async Task<Page<TOut>> PageAsync<T, TOut>(this IQueryable<T> query, Expression<Func<T, Guid>> id, int? limit, string? cursor,
        Func<T, TOut> map, CancellationToken ct)
    {
        var take = Limit(limit);
        if (After(cursor) is { } after)
        {
            // the cursor goes in as a parameter (a member of a captured object), so every page shares one query plan
            var bound = Expression.Property(Expression.Constant(new Cursor(after)), nameof(Cursor.Id));
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.LessThan(id.Body, bound), id.Parameters));
        }
        var rows = await query.OrderByDescending(id).Take(take + 1).ToListAsync(ct);
        return Of(rows, take, id.Compile(), map);
    }

    /// <summary>One page oldest first (a review queue works from its oldest): the same cursor rules as <see cref="PageAsync"/>.</summary>
    public static async Task<Page<TOut>> PageOldestFirstAsync<T, TOut>(this IQueryable<T> query, Expression<Func<T, Guid>> id, int? limit, string? cursor,
        Func<T, TOut> map, CancellationToken ct)
    {
        var take = Limit(limit);
        if (After(cursor) is { } after)
        {
            var bound = Expression.Property(Expression.Constant(new Cursor(after)), nameof(Cursor.Id));
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(id.Body, bound), id.Parameters));
        }
        var rows = await query.OrderBy(id).Take(take + 1).ToListAsync(ct);
        return Of(rows, take, id.Compile(), map);
    }

    private sealed record Cursor(Guid Id);

    private static Page<TOut> Of<TIn, TOut>(IReadOnlyList<TIn> fetched, int limit, Func<TIn, Guid> id, Func<TIn, TOut> map)
    {
        // the caller fetched limit + 1 rows: the extra one only says there is more
        var items = fetched.Take(limit).Select(map).ToList();
        string? next = null;
        if (fetched.Count > limit)
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes(id(fetched[limit - 1]).ToString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new Page<TOut>(items, next);
    }
}
