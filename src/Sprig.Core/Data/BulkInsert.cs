using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Sprig.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the context's open transaction, far cheaper than change
/// tracking: binary COPY on PostgreSQL, one prepared statement reused per row on SQLite. Columns, names and
/// value conversions come from the EF model, so this never drifts from the mapping the rest of the code reads.
/// For hot paths only (checkout); everywhere else SaveChanges is the way.
/// </summary>
public static class BulkInsert
{
    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping);

    public static async Task InsertAsync<T>(SprigDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var (table, columns) = Map<T>(db);
        var (connection, transaction) = Open(db);
        if (connection is NpgsqlConnection npgsql)
            await CopyAsync(npgsql, table, columns, rows, ct);
        else
            await PreparedAsync(connection, transaction, table, columns, rows, ct);
    }

    /// <summary>
    /// Runs one statement over many rows of <typeparamref name="T"/>, given as a row source the statement names
    /// with the text it is handed (use it as <c>FROM {source} AS s</c>, columns by their mapped names): on
    /// PostgreSQL one array parameter per column unnested into rows, one statement; on SQLite the statement
    /// prepared once and run per row over a one-row source. For set-based updates and upserts on the hot path.
    /// Returns the rows the statement changed.
    /// </summary>
    public static async Task<int> ApplyAsync<T>(SprigDb db, IReadOnlyList<T> rows, Func<string, string> statement, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return 0;
        var (connection, transaction) = Open(db);
        if (connection is NpgsqlConnection)
        {
            await using var unnest = UnnestCommand(db, rows, statement);
            unnest.Connection = (NpgsqlConnection)connection;
            unnest.Transaction = (NpgsqlTransaction)transaction;
            return await unnest.ExecuteNonQueryAsync(ct);
        }

        var (_, columns) = Map<T>(db);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var source = $"(SELECT {string.Join(", ", columns.Select((c, i) => $"@p{i} AS \"{c.Name}\""))})";
        cmd.CommandText = statement(source);
        var parameters = Parameters(cmd, columns);
        await cmd.PrepareAsync(ct);
        var changed = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = ProviderValue(columns[i], row) ?? DBNull.Value;
            changed += await cmd.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    /// <summary>PostgreSQL: the statement over all rows at once, one array parameter per column read back as rows by unnest (no temporary table).</summary>
    internal static NpgsqlCommand UnnestCommand<T>(SprigDb db, IReadOnlyList<T> rows, Func<string, string> statement) where T : class
    {
        var (_, columns) = Map<T>(db);
        var cmd = new NpgsqlCommand();
        var arrays = columns.Select((c, i) =>
        {
            var type = c.Mapping.Converter?.ProviderClrType ?? c.Property.ClrType;
            if (type.IsValueType && c.Property.IsNullable && Nullable.GetUnderlyingType(type) is null) type = typeof(Nullable<>).MakeGenericType(type);
            var values = Array.CreateInstance(type, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var value = ProviderValue(c, rows[r]);
                values.SetValue(value is DateTimeOffset d ? d.ToUniversalTime() : value, r);
            }
            cmd.Parameters.Add(new NpgsqlParameter($"p{i}", values));
            return $"@p{i}";
        }).ToList();
        cmd.CommandText = statement($"(SELECT * FROM unnest({string.Join(", ", arrays)}) AS u({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}))");
        return cmd;
    }

    // the model's columns of a type, worked out once per model: read off the model's annotations for every batch, they
    // were about 4% of the signal writer's own (managed) samples in the feed's profile
    private static readonly ConcurrentDictionary<(IModel, Type), (string Table, List<Column> Columns)> Maps = new();

    private static (string Table, List<Column> Columns) Map<T>(SprigDb db) => Maps.GetOrAdd((db.Model, typeof(T)), static key => MapOf(key.Item1, key.Item2));

    private static (string Table, List<Column> Columns) MapOf(IModel model, Type type)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type} is not mapped");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            // what the database gives (an identity key, a default such as the writing transaction's id) is left to it
            .Where(p => p.GetDefaultValueSql() is null && !(p.IsPrimaryKey() && p.ClrType == typeof(long) && p.ValueGenerated == ValueGenerated.OnAdd))
            .Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()))
            .Select(p => new Column(p.GetColumnName(store)!, p, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToList();
        return (table, columns);
    }

    internal static (DbConnection, DbTransaction) Open(SprigDb db) => (db.Database.GetDbConnection(),
        db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Bulk writes run inside the caller's transaction."));

    // parameters made by the type mappings carry the provider's storage type (a Guid as TEXT on SQLite, ...)
    private static DbParameter[] Parameters(DbCommand cmd, List<Column> columns) => columns.Select((c, i) =>
    {
        var p = c.Mapping.CreateParameter(cmd, $"@p{i}", null, c.Property.IsNullable);
        cmd.Parameters.Add(p);
        return p;
    }).ToArray();

    private static object? ProviderValue(Column c, object row)
    {
        var value = c.Property.GetGetter().GetClrValueUsingContainingEntity(row);
        return value is null ? null : c.Mapping.Converter is { } conv ? conv.ConvertToProvider(value) : value;
    }

    private static async Task PreparedAsync<T>(DbConnection connection, DbTransaction transaction, string table, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                          $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = Parameters(cmd, columns);
        await cmd.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = ProviderValue(columns[i], row) ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var copy = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var c in columns)
            {
                switch (ProviderValue(c, row))
                {
                    case null: await copy.WriteNullAsync(ct); break;
                    case Guid g: await copy.WriteAsync(g, NpgsqlDbType.Uuid, ct); break;
                    case long l: await copy.WriteAsync(l, NpgsqlDbType.Bigint, ct); break;
                    case int n: await copy.WriteAsync(n, NpgsqlDbType.Integer, ct); break;
                    case bool b: await copy.WriteAsync(b, NpgsqlDbType.Boolean, ct); break;
                    case double x: await copy.WriteAsync(x, NpgsqlDbType.Double, ct); break;
                    case string s: await copy.WriteAsync(s, NpgsqlDbType.Text, ct); break;
                    case byte[] bytes: await copy.WriteAsync(bytes, NpgsqlDbType.Bytea, ct); break;
                    case DateTimeOffset d: await copy.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct); break;
                    case var other: throw new NotSupportedException($"{table}.{c.Name}: no COPY mapping for {other.GetType()}");
                }
            }
        }
        await copy.CompleteAsync(ct);
    }
}
