using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>
/// The buyer's own rows a page reads, as <see cref="PlainCommand"/>s on the context's connection: what the buyer was
/// shown since a time, the personalisation switch and the strongest category interests in one command of three
/// statements, and candidates by id in another. They replace four EF queries per feed.
/// </summary>
public static class BuyerRows
{
    public sealed record Own(HashSet<Guid> Seen, bool Personalised, List<(Guid CategoryId, int Weight)> Interests);

    private const string CandidateColumns =
        "\"Id\", \"Kind\", \"ShopId\", \"AuthorId\", \"ProductId\", \"CategoryId\", \"Title\", \"IsBrand\", \"OnAir\", \"PoolLevel\", \"PoolBudget\", \"PoolServed\", \"Score\", \"CreatedAt\"";

    /// <summary>The items of the buyer's pages since <paramref name="seenSince"/>, the switch (on without a row), and the ten strongest interests if asked.</summary>
    public static async Task<Own> ReadAsync(SprigDb db, Guid buyerId, DateTimeOffset seenSince, bool interests, CancellationToken ct)
    {
        await using var cmd = PlainCommand.Create(db);
        PlainCommand.Add(cmd, PlainCommand.Property<ServedPage>(db, nameof(ServedPage.BuyerId)), "buyer", buyerId);
        PlainCommand.Add(cmd, PlainCommand.Property<ServedPage>(db, nameof(ServedPage.ServedAt)), "since", seenSince);
        cmd.CommandText = """
            SELECT "Items" FROM "ServedPages" WHERE "BuyerId" = @buyer AND "ServedAt" >= @since;
            SELECT "Personalised" FROM "FeedPreferences" WHERE "UserId" = @buyer;
            """ + (interests ? """
            SELECT "CategoryId", "Weight" FROM "BuyerInterests" WHERE "BuyerId" = @buyer ORDER BY "Weight" DESC LIMIT 10;
            """ : "");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var seen = new HashSet<Guid>();
        while (await r.ReadAsync(ct)) ServedPage.AddItemIds((byte[])r.GetValue(0), seen);
        await r.NextResultAsync(ct);
        var personalised = !await r.ReadAsync(ct) || r.GetBoolean(0);
        var weights = new List<(Guid, int)>();
        if (interests && await r.NextResultAsync(ct))
            while (await r.ReadAsync(ct)) weights.Add((r.GetGuid(0), r.GetInt32(1)));
        return new Own(seen, personalised, weights);
    }

    /// <summary>Rounds of reads <see cref="CandidatesAsync"/> makes at most: a few, so a buyer whose friends liked many dead items costs a bounded page.</summary>
    private const int MaxRounds = 4;

    /// <summary>
    /// Eligible items of the first of <paramref name="ranked"/>, as candidates, in no particular order: the first
    /// <paramref name="want"/>, and while more than a quarter of those read could not be served, as many again as are
    /// missing further down, doubled each round. An item that cannot be served (its shop suspended, its content held or
    /// ended) is never seen, so without reading past it a month of friends' likes of a suspended shop would hold the top
    /// places and leave the friends tab empty. A few can stay: on the 1M world one item in twenty cannot be served, so
    /// reading on for every one would be a second command on most pages, for one or two candidates of thirty.
    /// </summary>
    public static async Task<List<Candidate>> CandidatesAsync(SprigDb db, Guid[] ranked, int want, CancellationToken ct)
    {
        var found = new List<Candidate>(Math.Min(want, ranked.Length));
        var enough = want - want / 4;
        var next = 0;
        for (var round = 0; round < MaxRounds && found.Count < enough && next < ranked.Length; round++)
        {
            var take = Math.Min(ranked.Length - next, (want - found.Count) << round);
            found.AddRange(await EligibleAsync(db, ranked.AsSpan(next, take).ToArray(), ct));
            next += take;
        }
        return found;
    }

    private static async Task<List<Candidate>> EligibleAsync(SprigDb db, Guid[] ids, CancellationToken ct)
    {
        // in key order: the lookups walk the id index from one end to the other, sharing its pages (a quarter less on a cold cache)
        ids = [.. ids.Order()];
        await using var cmd = PlainCommand.Create(db);
        cmd.CommandText = $"""SELECT {CandidateColumns} FROM "FeedItems" WHERE {PlainCommand.In(cmd, "\"Id\"", ids)} AND "Eligible" """;
        var kind = PlainCommand.Property<FeedItem>(db, nameof(FeedItem.Kind));
        var created = PlainCommand.Property<FeedItem>(db, nameof(FeedItem.CreatedAt));
        var items = new List<Candidate>(ids.Length);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new Candidate(r.GetGuid(0), PlainCommand.Value<FeedItemKind>(r, 1, kind), PlainCommand.NullableGuid(r, 2), PlainCommand.NullableGuid(r, 3),
                PlainCommand.NullableGuid(r, 4), PlainCommand.NullableGuid(r, 5), r.GetString(6), r.GetBoolean(7), r.GetBoolean(8), r.GetInt32(9), r.GetInt32(10),
                r.GetInt32(11), r.GetDouble(12), PlainCommand.Value<DateTimeOffset>(r, 13, created)));
        }
        return items;
    }
}
