using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sprig.Data;
using Sprig.Platform;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Data;

/// <summary>The in-process write gate must never be left held: every way a transaction ends lets the next writer in.</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task ATransactionAbandonedByAnException_ReleasesTheGate()
    {
        await using var market = await Market.StartAsync();
        using var scope = market.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SprigDb>();

        // begun, then left by an exception without commit or rollback (as when a rule throws mid-transaction)
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            throw new InvalidOperationException("a rule said no");
        }
        catch (InvalidOperationException)
        {
        }

        // the same context, and another one, can write again at once
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using (var tx = await db.Database.BeginTransactionAsync(timeout.Token))
        {
            db.Settings.Add(new Setting { Key = "test.a", Value = "1" });
            await db.SaveChangesAsync(timeout.Token);
            await tx.RollbackAsync(timeout.Token);
        }
        await using var other = await market.Host.Service<IDbContextFactory<SprigDb>>().CreateDbContextAsync(timeout.Token);
        other.Settings.Add(new Setting { Key = "test.b", Value = "1" });
        await other.SaveChangesAsync(timeout.Token);
        Assert.False(await other.Settings.AnyAsync(s => s.Key == "test.a", timeout.Token));
    }

    [Fact]
    public async Task AFailedSaveChanges_ReleasesTheGate()
    {
        await using var market = await Market.StartAsync();
        await using var db = await market.Host.Service<IDbContextFactory<SprigDb>>().CreateDbContextAsync();
        db.Settings.Add(new Setting { Key = "dup", Value = "1" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        db.Settings.Add(new Setting { Key = "dup", Value = "2" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        db.ChangeTracker.Clear();
        db.Settings.Add(new Setting { Key = "after", Value = "1" });
        await db.SaveChangesAsync(timeout.Token);
    }
}
