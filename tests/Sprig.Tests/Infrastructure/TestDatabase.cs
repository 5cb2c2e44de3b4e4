using Npgsql;

namespace Sprig.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a temp SQLite file, or a new database on the PostgreSQL server that
/// SPRIG_TEST_POSTGRES points at. A PostgreSQL test skips itself when that variable is not set.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SPRIG_TEST_POSTGRES";

    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _pgName;
    private readonly string? _file;

    private TestDatabase(string provider, string connectionString, string? pgName, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _pgName = pgName;
        _file = file;
    }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static TheoryData<string> Providers => new("sqlite", "postgres");

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"sprig-test-{Guid.NewGuid():N}.db");
            return new TestDatabase("sqlite", $"Data Source={file}", null, file);
        }
        Assert.SkipWhen(PostgresServer is null, $"{PostgresVariable} is not set: PostgreSQL tests are skipped.");
        var name = $"sprig_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, MaxPoolSize = 50 }.ConnectionString;
        return new TestDatabase("postgres", cs, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
