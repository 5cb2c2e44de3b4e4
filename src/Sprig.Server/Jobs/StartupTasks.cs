using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Platform;
using Sprig.Server.Auth;
using Sprig.Server.Demo;

namespace Sprig.Server.Jobs;

/// <summary>Runs before the server takes requests: pending migrations, shared secrets, demo data on first start.</summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration config, ILogger<StartupTasks> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await MigrateAsync(services, ct);
        await services.GetRequiredService<Tokens>().KeyAsync(ct);
        // created before the first payment, so concurrent first payments don't race to create it
        await services.GetRequiredService<PlatformSettings>().GetSecretAsync(PlatformSettings.SandboxGatewaySecret, ct);
        // and every number with its default, so a burst of first requests does not race to create them
        await services.GetRequiredService<PlatformSettings>().GetNumbersAsync(ct);
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
            await Categories.EnsureAsync(db, ct);
            await Sprig.Distribution.PoolTiers.EnsureAsync(db, ct);
            await FeeProgramDesk.EnsureDefaultsAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }
        if (config.GetValue("Sprig:Demo", true))
        {
            using var scope = services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct))
            {
                // the demo's sales are in the dashboards from the first page, not a second later
                await services.GetRequiredService<Sprig.Analytics.FactDispatcher>().RunAsync(ct);
                log.LogInformation("Demo data seeded: sign in as {Emails} with password {Password}",
                    string.Join(", ", DemoData.Emails), DemoData.Password);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SprigDb>>().CreateDbContextAsync(ct);
        if (!db.IsPostgres)
        {
            // write-ahead log: readers never block the writer; kept in the file once set
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // EF Core takes a migration lock, so several nodes starting together apply each migration once
        await db.Database.MigrateAsync(ct);
    }
}
