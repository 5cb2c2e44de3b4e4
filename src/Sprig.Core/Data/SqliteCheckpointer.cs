using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sprig.Data;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file from a connection of its own, a few times a second,
/// so no request waits for it. Left to SQLite, the commit that finds the log past 1,000 pages copies them all before it
/// returns, and every request queued behind that commit waits too (feed benchmark, 1M world, one client: p99 39.7 ms
/// with SQLite's checkpoints, 18.6 ms with none at all, 26-28 ms with this service). A passive checkpoint takes no lock that a reader
/// or the writer waits for; SQLite's own (at <see cref="SqlitePragmas.AutoCheckpointPages"/>) is only the backstop for
/// a process that does not run this service.
/// <para>
/// A passive checkpoint alone never lets the log start over under steady writes: the writer appends while it copies, so
/// the log is never all copied when a write begins. It grows to the backstop, and the commit that reaches it runs
/// SQLite's checkpoint with its fsyncs (feed benchmark, 300 feeds/s arriving at a steady rate: a 40-65 ms commit every
/// 0.8 s, every page served meanwhile waiting for it). So once the log is past <see cref="RestartAtPages"/>, the passive
/// copy is followed by a restart checkpoint with this process's write gate held: it copies only what was appended since,
/// waits for readers still on the old log (at most <see cref="RestartWait"/>), and the next write starts the log over.
/// Writers then waited about 20 ms every tick instead of 40-65 ms inside a commit (p99 at 300 feeds/s 27-56 ms against
/// 56-82 ms; docs/benchmarks.md).
/// </para>
/// <para>
/// Most of those 20 ms were the restart's sync of the database file, which the passive copies never run (SQLite syncs the
/// file only once the log is all copied), so it flushed every page copied since the last restart. The file is now synced
/// before the gate is taken (<see cref="SqliteFileSync"/>), and what was appended meanwhile copied again
/// (<see cref="SettleRounds"/>): writers wait 4-5 ms a tick.
/// </para>
/// </summary>
public sealed class SqliteCheckpointer(DatabaseOptions database, SqliteWriteGate gate, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    /// <summary>A log this long (4 MB) is started over after the tick's copy.</summary>
    public const int RestartAtPages = 1_000;

    /// <summary>How long the restart waits for readers on the old log (SQLite's busy timeout on this connection); past it, the next tick tries again.</summary>
    public const int RestartWait = 20;

    /// <summary>
    /// Rounds of syncing the file and copying again before the restart. At 300-500 feeds/s writers waited about 20 ms for
    /// a restart with no sync first, 10-13 ms after a sync alone, 5-9 ms after one round and 4-5 ms after two (docs/benchmarks.md).
    /// </summary>
    public const int SettleRounds = 2;

    // a thread of its own: every call below blocks (SQLite's async calls run synchronously, and the file's sync waits for
    // the disk), and a 2-core node's thread pool runs 3-4 threads, so the 20-40 ms a tick this takes were taken from the feeds
    protected override Task ExecuteAsync(CancellationToken stop) =>
        Task.Factory.StartNew(() => Run(stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stop.WaitHandle.WaitOne(Every))
            {
                try
                {
                    if (connection is null)
                    {
                        // unpooled: when the service stops, the file is closed, not kept open in the pool
                        connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
                        connection.Open();
                        using var timeout = connection.CreateCommand();
                        timeout.CommandText = $"PRAGMA busy_timeout={RestartWait}";
                        timeout.ExecuteNonQuery();
                    }
                    var pages = Checkpoint(connection, "PASSIVE");
                    if (pages < 0)
                    {
                        // opened before the startup switched the file to WAL: this connection would answer "no log" forever
                        connection.Dispose();
                        connection = null;
                        continue;
                    }
                    if (pages < RestartAtPages) continue;
                    // the restart syncs the database file before the log can start over, and writers wait for it: so the file is
                    // synced here first and what came since copied again, twice, leaving the restart a few hundred pages
                    for (var round = 0; round < SettleRounds; round++)
                    {
                        if (connection.DataSource is { Length: > 0 } file) SqliteFileSync.Flush(file);
                        Checkpoint(connection, "PASSIVE");
                    }
                    using (gate.Hold(stop))
                        Checkpoint(connection, "RESTART");
                }
                catch (SqliteException e)
                {
                    // the next tick tries again on a new connection; SQLite's own checkpoint covers the gap
                    log.LogWarning(e, "The WAL checkpoint failed");
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Runs a checkpoint; returns the pages in the log (the second column of its row), -1 when the connection sees no log.</summary>
    private static long Checkpoint(SqliteConnection connection, string mode)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var r = cmd.ExecuteReader();
        return r.Read() ? r.GetInt64(1) : 0;
    }
}
