using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sprig.Accounts;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;

namespace Sprig.Tests.Infrastructure;

/// <summary>The real Sprig host (the whole HTTP pipeline) on a real database, with the manual clock.</summary>
public sealed class TestHost(TestDatabase database, bool demo, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sprig:Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Sprig", Database.ConnectionString);
        builder.UseSetting("Sprig:Clock", "manual");
        builder.UseSetting("Sprig:Demo", demo ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        // server-side errors land in a file beside the test output, since a 500's body tells nothing
        builder.ConfigureLogging(l => l.AddProvider(new ErrorFileLogger(Path.Combine(AppContext.BaseDirectory, "server-errors.log"))));
    }

    public Api Anonymous() => new(CreateClient(), null);

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public ManualClock Clock => Service<ManualClock>();

    public async Task<TResult> WithDbAsync<TResult>(Func<SprigDb, Task<TResult>> work)
    {
        await using var db = await Service<IDbContextFactory<SprigDb>>().CreateDbContextAsync();
        return await work(db);
    }

    private static string? _hash;

    /// <summary>
    /// Many users at once for concurrency tests, written straight to the database (hashing hundreds of
    /// passwords would dominate the test); each gets a real token from the host's token service.
    /// </summary>
    public async Task<List<Api>> UsersAsync(int count, Role roles = Role.Buyer)
    {
        var hasher = Service<IPasswordHasher<User>>();
        var now = Service<TimeProvider>().GetUtcNow();
        var users = Enumerable.Range(0, count).Select(_ => new User
        {
            Id = Ids.New(), Email = $"u{Guid.NewGuid():N}@test.sprig", DisplayName = "Test user", PasswordHash = "", Roles = roles | Role.Buyer, CreatedAt = now,
        }).ToList();
        _hash ??= hasher.HashPassword(users[0], "password-1");
        foreach (var u in users) u.PasswordHash = _hash;
        await WithDbAsync(async db =>
        {
            db.Users.AddRange(users);
            return await db.SaveChangesAsync();
        });
        var tokens = Service<Tokens>();
        var apis = new List<Api>();
        foreach (var u in users)
        {
            var (token, _) = await tokens.IssueAsync(u);
            apis.Add(new Api(CreateClient(), token) { UserId = u.Id });
        }
        return apis;
    }

    public async Task<Api> UserAsync(Role roles = Role.Buyer) => (await UsersAsync(1, roles))[0];
}
