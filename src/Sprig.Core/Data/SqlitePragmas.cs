using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sprig.Data;

/// <summary>
/// Every SQLite connection waits for the write lock instead of failing at once, and commits durably
/// (WAL with synchronous=FULL: an acknowledged order survives a power cut, not only a process kill), and leaves the
/// log's checkpoints to <see cref="SqliteCheckpointer"/>.
/// The pragmas are set once per SQLite handle: the pool hands the same handle out again with its settings kept, and
/// EF opens a connection for every query, so setting them at each open was several more statements per query (a feed
/// runs about ten queries).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>
    /// SQLite's own checkpoint, run inside a commit once the log holds this many pages: only a backstop, because
    /// <see cref="SqliteCheckpointer"/> copies the log back a few times a second off every request's path.
    /// </summary>
    public const int AutoCheckpointPages = 10_000;

    private static readonly string Pragmas =
        $"PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint={AutoCheckpointPages};";
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (IsConfigured(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(ct);
        MarkConfigured(connection);
    }

    private static bool IsConfigured(DbConnection connection) => Handle(connection) is { } h && Configured.TryGetValue(h, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (Handle(connection) is { } h) Configured.AddOrUpdate(h, true);
    }

    private static SQLitePCL.sqlite3? Handle(DbConnection connection) => (connection as SqliteConnection)?.Handle;
}
