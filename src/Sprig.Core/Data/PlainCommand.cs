using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Sprig.Data;

/// <summary>
/// Plain commands on a context's connection, for reads on every feed's path. At 8 clients on SQLite each EF query there
/// cost more CPU than the rows it read (a read of one item by id about 0.9 ms, each further item about 0.02 ms), so the
/// hot reads skip EF's query pipeline. Parameters and values keep the EF model's storage types and conversions.
/// </summary>
public static class PlainCommand
{
    /// <summary>A command on the context's connection (opened by the caller, or by EF around it), in its transaction if any.</summary>
    public static DbCommand Create(SprigDb db)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }

    /// <summary>Runs <paramref name="read"/> with the context's connection open, and closes it after unless it was open before.</summary>
    public static async Task<T> OnConnectionAsync<T>(SprigDb db, Func<Task<T>> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Adds the ids as one parameter (an array on PostgreSQL, a JSON array read by json_each on SQLite, so the statement's
    /// text is the same whatever the count); returns the condition "<paramref name="column"/> is one of them".
    /// </summary>
    public static string In(DbCommand cmd, string column, IReadOnlyCollection<Guid> ids, string name = "ids")
    {
        if (cmd is NpgsqlCommand npgsql)
        {
            npgsql.Parameters.Add(new NpgsqlParameter(name, ids as Guid[] ?? ids.ToArray()));
            return $"{column} = ANY(@{name})";
        }
        // SQLite keeps a Guid as upper-case text with hyphens (EF's mapping binds it so): the JSON holds that text
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = "[" + string.Join(",", ids.Select(id => $"\"{id.ToString("D").ToUpperInvariant()}\"")) + "]";
        cmd.Parameters.Add(p);
        return $"{column} IN (SELECT value FROM json_each(@{name}))";
    }

    /// <summary>A parameter as the property's own mapping binds it (its storage type and value conversion).</summary>
    public static void Add(DbCommand cmd, IProperty property, string name, object value)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        // PostgreSQL takes a timestamptz only at offset 0
        cmd.Parameters.Add(mapping.CreateParameter(cmd, "@" + name, value is DateTimeOffset d ? d.ToUniversalTime() : value));
    }

    /// <summary>A plain number parameter.</summary>
    public static void Add(DbCommand cmd, string name, long value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    public static IProperty Property<TEntity>(SprigDb db, string name) => db.Model.FindEntityType(typeof(TEntity))!.FindProperty(name)!;

    /// <summary>A column's value through the property's conversion, if it has one (an enum kept as text, a time kept as a number on SQLite).</summary>
    public static T Value<T>(DbDataReader r, int i, IProperty property) =>
        property.GetTypeMapping().Converter is ValueConverter c ? (T)c.ConvertFromProvider(r.GetValue(i))! : r.GetFieldValue<T>(i);

    public static Guid? NullableGuid(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);
}
