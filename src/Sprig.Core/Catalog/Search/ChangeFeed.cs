using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Catalog.Search;

/// <summary>How far a reader has read the change feed: rows are read in (TxId, Seq) order.</summary>
public readonly record struct FeedMark(long TxId, long Seq)
{
    public static readonly FeedMark Start = new(0, 0);
}

/// <summary>
/// Reads <see cref="CatalogChange"/> rows in an order in which no row can appear behind the reader.
/// <para>
/// PostgreSQL hands out <see cref="CatalogChange.Seq"/> at insert, not at commit, so with concurrent writers a row
/// with a lower Seq can become visible after a higher one was read; a plain "Seq &gt; last" reader would skip it
/// forever. Each row therefore carries its transaction id, and a read takes only rows whose transaction is older
/// than the oldest one still running (<c>pg_snapshot_xmin</c> of the read's own snapshot): those transactions have
/// all ended, so every row they wrote is already visible and no row can later appear below the new mark. A row
/// waits at most as long as the longest transaction running beside it. No clock or safety margin is involved.
/// </para>
/// <para>SQLite has one writer at a time, which takes Seq and commits before the next starts: Seq order is commit order.</para>
/// </summary>
public static class ChangeFeed
{
    /// <summary>The end of the settled part of the feed: where a reader that has just loaded everything starts.</summary>
    public static async Task<FeedMark> EndAsync(SprigDb db, CancellationToken ct)
    {
        if (!db.IsPostgres)
            return new FeedMark(0, await db.CatalogChanges.MaxAsync(c => (long?)c.Seq, ct) ?? 0);
        var rows = await db.Database.SqlQuery<MarkRow>($"""
            SELECT "TxId", "Seq" FROM "CatalogChanges"
            WHERE "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY "TxId" DESC, "Seq" DESC LIMIT 1
            """).ToListAsync(ct);
        return rows.Count == 0 ? FeedMark.Start : new FeedMark(rows[0].TxId, rows[0].Seq);
    }

    /// <summary>Up to <paramref name="max"/> settled rows after <paramref name="after"/>, in feed order.</summary>
    public static async Task<IReadOnlyList<CatalogChange>> ReadAsync(SprigDb db, FeedMark after, int max, CancellationToken ct)
    {
        if (!db.IsPostgres)
            return await db.CatalogChanges.AsNoTracking().Where(c => c.Seq > after.Seq).OrderBy(c => c.Seq).Take(max).ToListAsync(ct);
        return await db.CatalogChanges.FromSql($"""
            SELECT * FROM "CatalogChanges"
            WHERE ("TxId", "Seq") > ({after.TxId}, {after.Seq})
              AND "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY "TxId", "Seq" LIMIT {max}
            """).AsNoTracking().ToListAsync(ct);
    }

    /// <summary>Forgets rows older than <paramref name="before"/>: a node that starts rebuilds from the tables, not from the feed.</summary>
    public static Task<int> PruneAsync(SprigDb db, DateTimeOffset before, CancellationToken ct) =>
        db.CatalogChanges.Where(c => c.At < before).ExecuteDeleteAsync(ct);

    private sealed class MarkRow
    {
        public long TxId { get; init; }
        public long Seq { get; init; }
    }
}
