using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Data;

/// <summary>The pragmas are set once per SQLite handle, so every connection the pool hands out again must still carry them.</summary>
public sealed class SqlitePragmaTests
{
    [Fact]
    public async Task EveryPooledConnection_WaitsForTheWriteLock_CommitsDurably_AndEnforcesForeignKeys_AfterTheSignalLogRelaxedItsOwn()
    {
        await using var market = await Market.StartAsync();
        var dbs = market.Host.Service<IDbContextFactory<SprigDb>>();
        // the signal writer commits with synchronous=NORMAL on its connections: they must go back to the pool with FULL
        var writer = market.Host.Service<SignalWriter>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => writer.ImpressionsAsync(
            [new Impression { Id = Sprig.Kernel.Ids.New(), BuyerId = Guid.NewGuid(), ItemId = Guid.NewGuid(), ServedAt = DateTimeOffset.UtcNow }], [], default)));

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
