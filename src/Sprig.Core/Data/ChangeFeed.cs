using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sprig.Data;

/// <summary>How far a reader has read a change feed: rows are read in (TxId, Seq) order.</summary>
public readonly record struct FeedMark(long TxId, long Seq)
{
    public static readonly FeedMark Start = new(0, 0);
}

/// <summary>
/// A row of a change feed: "what this row names may look different now", written in the same transaction as the
/// change. <see cref="TxId"/> is, on PostgreSQL, the id of the writing transaction (<c>pg_current_xact_id()</c>), set by
/// the database; always 0 on SQLite, whose one writer at a time commits in <see cref="Seq"/> order.
/// </summary>
public interface IChangeRow
{
    long Seq { get; }
    long TxId { get; }
    DateTimeOffset At { get; }
}

/// <summary>
/// Reads a change feed table (the catalogue's, the social graph's) in an order in which no row can appear behind the reader.
/// <para>
/// PostgreSQL hands out <see cref="IChangeRow.Seq"/> at insert, not at commit, so with concurrent writers a row
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
    public static async Task<FeedMark> EndAsync<T>(SprigDb db, CancellationToken ct) where T : class, IChangeRow
    {
        var table = Table<T>(db);
        var rows = await db.Database.SqlQueryRaw<MarkRow>(db.IsPostgres
            ? $"""
              SELECT "TxId", "Seq" FROM "{table}"
              WHERE "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
              ORDER BY "TxId" DESC, "Seq" DESC LIMIT 1
              """
            : $"""SELECT "TxId", "Seq" FROM "{table}" ORDER BY "Seq" DESC LIMIT 1""").ToListAsync(ct);
        return rows.Count == 0 ? FeedMark.Start : new FeedMark(rows[0].TxId, rows[0].Seq);
    }

    /// <summary>Up to <paramref name="max"/> settled rows after <paramref name="after"/>, in feed order.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(SprigDb db, FeedMark after, int max, CancellationToken ct) where T : class, IChangeRow
    {
        var table = Table<T>(db);
        return await db.Set<T>().FromSqlRaw(db.IsPostgres
            ? $$"""
              SELECT * FROM "{{table}}"
              WHERE ("TxId", "Seq") > ({0}, {1})
                AND "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
              ORDER BY "TxId", "Seq" LIMIT {2}
              """
            : $$"""SELECT * FROM "{{table}}" WHERE "Seq" > {1} ORDER BY "Seq" LIMIT {2}""", after.TxId, after.Seq, max)
            .AsNoTracking().ToListAsync(ct);
    }

    /// <summary>
    /// <see cref="ReadAsync{T}"/> for a reader on every request's path (the social copy syncs before each feed): each
    /// row's mark and one id column, by a plain command, without EF's query pipeline per call.
    /// </summary>
    public static async Task<List<(FeedMark Mark, Guid Id)>> ReadIdsAsync<T>(SprigDb db, FeedMark after, int max, string column, CancellationToken ct)
        where T : class, IChangeRow
    {
        var table = Table<T>(db);
        return await PlainCommand.OnConnectionAsync(db, async () =>
        {
            await using var cmd = PlainCommand.Create(db);
            PlainCommand.Add(cmd, "tx", after.TxId);
            PlainCommand.Add(cmd, "seq", after.Seq);
            PlainCommand.Add(cmd, "max", max);
            cmd.CommandText = db.IsPostgres
                ? $"""
                  SELECT "TxId", "Seq", "{column}" FROM "{table}"
                  WHERE ("TxId", "Seq") > (@tx, @seq)
                    AND "TxId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                  ORDER BY "TxId", "Seq" LIMIT @max
                  """
                : $"""SELECT "TxId", "Seq", "{column}" FROM "{table}" WHERE "Seq" > @seq ORDER BY "Seq" LIMIT @max""";
            var rows = new List<(FeedMark, Guid)>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) rows.Add((new FeedMark(r.GetInt64(0), r.GetInt64(1)), r.GetGuid(2)));
            return rows;
        }, ct);
    }

    /// <summary>Forgets rows older than <paramref name="before"/>: a node that starts rebuilds from the tables, not from the feed.</summary>
    public static Task<int> PruneAsync<T>(SprigDb db, DateTimeOffset before, CancellationToken ct) where T : class, IChangeRow =>
        db.Set<T>().Where(c => c.At < before).ExecuteDeleteAsync(ct);

    /// <summary>A change feed table's mapping: read in (TxId, Seq) order, pruned by age, TxId set by PostgreSQL.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> e, bool postgres) where T : class, IChangeRow
    {
        e.HasKey(nameof(IChangeRow.Seq));
        e.HasIndex(nameof(IChangeRow.TxId), nameof(IChangeRow.Seq));
        e.HasIndex(nameof(IChangeRow.At));
        // xid8 has no cast to bigint; through text it is the 64-bit epoch-extended id, which never wraps
        if (postgres) e.Property<long>(nameof(IChangeRow.TxId)).HasDefaultValueSql("pg_current_xact_id()::text::bigint");
    }

    private static string Table<T>(SprigDb db) => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    private sealed class MarkRow
    {
        public long TxId { get; init; }
        public long Seq { get; init; }
    }
}
