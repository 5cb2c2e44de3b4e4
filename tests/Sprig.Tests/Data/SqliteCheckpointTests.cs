using Microsoft.Data.Sqlite;
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

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
