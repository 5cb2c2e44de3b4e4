namespace Sprig.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Where the data lives: <c>Sprig:Database:Provider</c> and <c>ConnectionStrings:Sprig</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=sprig.db";

    public static DatabaseOptions From(string? provider, string? connectionString)
    {
        var p = (provider ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Sprig:Database:Provider must be sqlite or postgres, not '{other}'."),
        };
        if (p == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Sprig:Database:Provider=postgres needs ConnectionStrings:Sprig.");
        return new(p, string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString);
    }
}
