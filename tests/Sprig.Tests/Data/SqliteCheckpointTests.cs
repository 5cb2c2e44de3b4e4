using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Data;

/// <summary>The write-ahead log is copied back by the node's checkpointer, so no commit has to, and the log stays short.</summary>
public sealed class SqliteCheckpointTests
{
    [Fact]
    public async Task TheCheckpointer_CopiesTheLogBack_BetweenCommits_SoTheLogDoesNotGrow()
    {
        await using var market = await Market.StartAsync();
        var file = new SqliteConnectionStringBuilder(market.Host.Database.ConnectionString).DataSource;
        await using var connection = new SqliteConnection(market.Host.Database.ConnectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, "CREATE TABLE Scratch (Data BLOB)");

        // 12 commits of 1 MB (about 250 pages each), well under SQLite's own checkpoint at 10,000 pages: only the
        // checkpointer can copy them back; each restarts the log from its start once the one before was copied
        for (var i = 0; i < 12; i++)
        {
            await ExecAsync(connection, "INSERT INTO Scratch VALUES (randomblob(1000000))");
            await Task.Delay(SqliteCheckpointer.Every * 3);
        }

        Assert.True(new FileInfo(file).Length >= 12_000_000, $"the database file holds the 12 MB: {new FileInfo(file).Length:N0} bytes");
        Assert.True(new FileInfo(file + "-wal").Length < 4_000_000, $"the log stayed short: {new FileInfo(file + "-wal").Length:N0} bytes");
    }

    [Fact]
    public async Task UnderSteadyWritesAndReads_TheLogStartsOver_LongBeforeSqlitesOwnCheckpoint()
    {
        await using var market = await Market.StartAsync();
        var file = new SqliteConnectionStringBuilder(market.Host.Database.ConnectionString).DataSource;
        var dbs = market.Host.Service<IDbContextFactory<SprigDb>>();
        await using (var connection = new SqliteConnection(market.Host.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecAsync(connection, "CREATE TABLE Scratch (Data BLOB)");
        }

        // commits of 200 KB (about 50 pages) one after another until 100 MB are written, as the feed's writer commits under load,
        // while readers keep reading: the writer barely pauses, so a passive copy never catches up with it. Without a restart
        // the log grows to SQLite's own checkpoint (10,000 pages, 40 MB) and the commit that reaches it pays for it
        var until = Stopwatch.StartNew();
        var commits = 0;
        bool Writing() => commits * 200_000L < 100_000_000 && until.Elapsed < TimeSpan.FromSeconds(60);
        async Task WriteAsync()
        {
            while (Writing())
            {
                await using var db = await dbs.CreateDbContextAsync();
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlRawAsync("INSERT INTO Scratch VALUES (randomblob(200000))");
                await tx.CommitAsync();
                commits++;
                await Task.Delay(1); // a steady stream rather than a flood: on a busy machine the checkpointer must get its turns
            }
        }
        async Task ReadAsync()
        {
            while (Writing())
            {
                await using var db = await dbs.CreateDbContextAsync();
                await db.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM Scratch").ToListAsync();
            }
        }
        await Task.WhenAll([Task.Run(WriteAsync), Task.Run(ReadAsync), Task.Run(ReadAsync)]);

        var written = commits * 200_000L;
        var log = new FileInfo(file + "-wal").Length;
        Assert.True(written >= 100_000_000, $"the writer wrote enough to pass SQLite's own checkpoint twice: {written:N0} bytes in {commits} commits");
        Assert.True(log < 36_000_000, $"the log started over before SQLite's own checkpoint: {log:N0} bytes after {written:N0} written");
    }

    [Fact]
    public async Task TheFileSync_FlushesAFileWhileSqliteWritesIt_AndTriesAgainForAFileThatWasMissing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sprig-sync-{Guid.NewGuid():N}.db");
        try
        {
            // a file that is not there yet is not remembered as unsyncable
            Assert.False(SqliteFileSync.Flush(file));

            await using var writer = new SqliteConnection($"Data Source={file};Pooling=False");
            await writer.OpenAsync();
            await ExecAsync(writer, "PRAGMA journal_mode=WAL");
            await ExecAsync(writer, "CREATE TABLE Scratch (Data BLOB)");
            await using (var tx = await writer.BeginTransactionAsync())
            {
                await ExecAsync(writer, "INSERT INTO Scratch VALUES (randomblob(100000))");
                Assert.True(SqliteFileSync.Flush(file));
                Assert.True(SqliteFileSync.Flush(file));
                await tx.CommitAsync();
            }
            await ExecAsync(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
            Assert.True(SqliteFileSync.Flush(file));

            await using var reader = new SqliteConnection($"Data Source={file};Pooling=False");
            await reader.OpenAsync();
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*), sum(length(Data)) FROM Scratch";
            await using var r = await count.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal((1L, 100_000L), (r.GetInt64(0), r.GetInt64(1)));
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
