using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>
/// The buyer's own rows a page reads, as plain commands on the context's connection: what the buyer was shown since a
/// time, the personalisation switch and the strongest category interests in one command of three statements, and
/// candidates by id in another. On the hot path each EF query had a fixed cost larger than its rows (at 8 clients on
/// SQLite, reading one signalled item cost 0.9 ms of CPU against 0.02 ms for each further one); these replace four of
/// them. Columns, storage types and conversions are the EF model's, as in <see cref="FeedCounters"/>.
/// </summary>
public static class BuyerRows
{
    public sealed record Own(HashSet<Guid> Seen, bool Personalised, List<(Guid CategoryId, int Weight)> Interests);

    private const string CandidateColumns =
        "\"Id\", \"Kind\", \"ShopId\", \"AuthorId\", \"ProductId\", \"CategoryId\", \"Title\", \"IsBrand\", \"OnAir\", \"PoolLevel\", \"PoolBudget\", \"PoolServed\", \"Score\", \"CreatedAt\"";

    /// <summary>The buyer's impressions since <paramref name="seenSince"/>, the switch (on without a row), and the ten strongest interests if asked.</summary>
    public static async Task<Own> ReadAsync(SprigDb db, Guid buyerId, DateTimeOffset seenSince, bool interests, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var impression = db.Model.FindEntityType(typeof(Impression))!;
        Add(cmd, impression.FindProperty(nameof(Impression.BuyerId))!, "@buyer", buyerId);
        Add(cmd, impression.FindProperty(nameof(Impression.ServedAt))!, "@since", seenSince);
        cmd.CommandText = """
            SELECT "ItemId" FROM "Impressions" WHERE "BuyerId" = @buyer AND "ServedAt" >= @since;
            SELECT "Personalised" FROM "FeedPreferences" WHERE "UserId" = @buyer;
            """ + (interests ? """
            SELECT "CategoryId", "Weight" FROM "BuyerInterests" WHERE "BuyerId" = @buyer ORDER BY "Weight" DESC LIMIT 10;
            """ : "");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var seen = new HashSet<Guid>();
        while (await r.ReadAsync(ct)) seen.Add(r.GetGuid(0));
        await r.NextResultAsync(ct);
        var personalised = !await r.ReadAsync(ct) || r.GetBoolean(0);
        var weights = new List<(Guid, int)>();
        if (interests && await r.NextResultAsync(ct))
            while (await r.ReadAsync(ct)) weights.Add((r.GetGuid(0), r.GetInt32(1)));
        return new Own(seen, personalised, weights);
    }

    /// <summary>The eligible items among <paramref name="ids"/>, as candidates, in no particular order.</summary>
    public static async Task<List<Candidate>> CandidatesAsync(SprigDb db, Guid[] ids, CancellationToken ct)
    {
        if (ids.Length == 0) return [];
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = $"""SELECT {CandidateColumns} FROM "FeedItems" WHERE {IdsParameter.In(cmd, "\"Id\"", ids)} AND "Eligible" """;
        var entity = db.Model.FindEntityType(typeof(FeedItem))!;
        var kind = entity.FindProperty(nameof(FeedItem.Kind))!.GetTypeMapping().Converter;
        var created = entity.FindProperty(nameof(FeedItem.CreatedAt))!.GetTypeMapping().Converter;
        var items = new List<Candidate>(ids.Length);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new Candidate(r.GetGuid(0), Convert<FeedItemKind>(r, 1, kind), NullableGuid(r, 2), NullableGuid(r, 3), NullableGuid(r, 4), NullableGuid(r, 5),
                r.GetString(6), r.GetBoolean(7), r.GetBoolean(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetDouble(12), Convert<DateTimeOffset>(r, 13, created)));
        }
        return items;
    }

    private static Guid? NullableGuid(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    private static T Convert<T>(DbDataReader r, int i, ValueConverter? converter) =>
        converter is null ? r.GetFieldValue<T>(i) : (T)converter.ConvertFromProvider(r.GetValue(i))!;

    /// <summary>A parameter as the property's own mapping binds it (its storage type and value conversion).</summary>
    private static void Add(DbCommand cmd, IProperty property, string name, object value)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        // PostgreSQL takes a timestamptz only at offset 0
        cmd.Parameters.Add(mapping.CreateParameter(cmd, name, value is DateTimeOffset d ? d.ToUniversalTime() : value));
    }
}
