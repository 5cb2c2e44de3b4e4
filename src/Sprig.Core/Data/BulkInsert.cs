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
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()))
            .Select(p => new Column(p.GetColumnName(store)!, p, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside the caller's transaction.");

        if (connection is NpgsqlConnection npgsql)
            await CopyAsync(npgsql, table, columns, rows, ct);
        else
            await PreparedAsync(connection, transaction, table, columns, rows, ct);
    }

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
        // parameters made by the type mappings carry the provider's storage type (a Guid as TEXT on SQLite, ...)
        var parameters = columns.Select((c, i) =>
        {
            var p = c.Mapping.CreateParameter(cmd, $"@p{i}", null, c.Property.IsNullable);
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
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
                    case string s: await copy.WriteAsync(s, NpgsqlDbType.Text, ct); break;
                    case DateTimeOffset d: await copy.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct); break;
                    case var other: throw new NotSupportedException($"{table}.{c.Name}: no COPY mapping for {other.GetType()}");
                }
            }
        }
        await copy.CompleteAsync(ct);
    }
}
