using System.Data.Common;
using Npgsql;

namespace Sprig.Data;

/// <summary>
/// A set of ids as one parameter of a plain command, for hot reads by id that skip EF's query pipeline: an array on
/// PostgreSQL, a JSON array on SQLite (read by json_each), so the statement's text is the same whatever the count.
/// </summary>
public static class IdsParameter
{
    /// <summary>Adds the ids to the command as <paramref name="name"/>; returns the condition "<paramref name="column"/> is one of them".</summary>
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
}
