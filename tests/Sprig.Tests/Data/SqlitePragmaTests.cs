using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Data;

/// <summary>The pragmas are set once per SQLite handle, so every connection the pool hands out again must still carry them.</summary>
public sealed class SqlitePragmaTests
{
    [Fact]
    public async Task EveryPooledConnection_WaitsForTheWriteLock_CommitsDurably_AndEnforcesForeignKeys()
    {
        await using var market = await Market.StartAsync();
        var dbs = market.Host.Service<IDbContextFactory<SprigDb>>();

        // many contexts at once (several handles), then again one after another (handles back from the pool)
        for (var round = 0; round < 3; round++)
        {
            var seen = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                await using var db = await dbs.CreateDbContextAsync();
                await db.Database.OpenConnectionAsync();
                try
                {
                    return (Timeout: await PragmaAsync(db, "busy_timeout"), Synchronous: await PragmaAsync(db, "synchronous"), ForeignKeys: await PragmaAsync(db, "foreign_keys"));
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }));
            Assert.All(seen, s => Assert.Equal((30_000L, 2L, 1L), s)); // synchronous 2 = FULL
        }
    }

    private static async Task<long> PragmaAsync(SprigDb db, string name)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
