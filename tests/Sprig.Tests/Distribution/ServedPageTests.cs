using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Distribution;

/// <summary>
/// The impression log keeps a row per page: an impression's id is its page's with its slot in the last byte, and the
/// row's packed items give back every impression as it was served. Upgrading keeps the old log's last day.
/// </summary>
public sealed class ServedPageTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void AnImpressionsId_IsItsPagesIdWithItsSlot_AndThePagesRowGivesBackEveryImpressionAsServed()
    {
        var page = ServedPage.NewId();
        var ids = Enumerable.Range(0, 20).Select(slot => ServedPage.ImpressionId(page, slot)).ToList();
        Assert.Equal(20, ids.Distinct().Count());
        Assert.All(ids, (id, slot) => { Assert.Equal(page, ServedPage.PageOf(id, out var s)); Assert.Equal(slot, s); });
        Assert.NotEqual(page, ServedPage.PageOf(ServedPage.ImpressionId(ServedPage.NewId(), 3), out _));

        string?[] pools = [null, "brand", "organic", "coldStart", "tier1", "tier4", "tier9"];
        string?[] boosts = [null, "brand", "live"];
        var buyer = Guid.NewGuid();
        var served = ids.Select((id, slot) => new Impression
        {
            Id = id, BuyerId = buyer, ItemId = Guid.NewGuid(), Kind = (FeedItemKind)(slot % 4), Tab = FeedTab.Friends,
            Source = (TrafficSource)(slot % 2), Pool = pools[slot % pools.Length], Boost = boosts[slot % boosts.Length],
            FriendsLiked = slot * 3_000, Position = slot, ServedAt = At,
        }).Where((_, slot) => slot != 7).ToList(); // a slot the writer refused: not on the page

        var row = ServedPage.Of(served);

        Assert.Equal((page, buyer, FeedTab.Friends, At), (row.Id, row.BuyerId, row.Tab, row.ServedAt));
        Assert.Equal(Describe(served), Describe(row.Impressions()));
        Assert.Null(row.At(7));
        Assert.Equal(Describe(served.Where(i => i.Position == 12)), Describe([row.At(12)!]));
        var seen = new HashSet<Guid>();
        ServedPage.AddItemIds(row.Items, seen);
        Assert.Equal(served.Select(i => i.ItemId).ToHashSet(), seen);
        Assert.Throws<ArgumentException>(() => ServedPage.Of([served[0].With(pool: "nowhere")]));
        Assert.Throws<ArgumentException>(() => ServedPage.Of([served[0].With(boost: "shiny")]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upgrading_TurnsTheOldLogsLastDayIntoPages_WithTheSameIds_AndDropsTheRest(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        SprigDb Open() => provider == "sqlite"
            ? new SqliteSprigDb(new DbContextOptionsBuilder<SqliteSprigDb>().UseSqlite(database.ConnectionString).Options)
            : new PostgresSprigDb(new DbContextOptionsBuilder<PostgresSprigDb>().UseNpgsql(database.ConnectionString).Options);
        var buyer = Guid.NewGuid();
        var (video, product, old) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // as the old log wrote them: an impression a row, with ids of its own
        Impression[] rows =
        [
            new() { Id = Sprig.Kernel.Ids.New(), BuyerId = buyer, ItemId = video, Kind = FeedItemKind.Video, Tab = FeedTab.Recommended, Source = TrafficSource.Private,
                FriendsLiked = 2, Position = 0, ServedAt = At },
            new() { Id = Sprig.Kernel.Ids.New(), BuyerId = buyer, ItemId = product, Kind = FeedItemKind.Product, Tab = FeedTab.Recommended, Source = TrafficSource.Public,
                Pool = "tier2", Boost = "brand", Position = 1, ServedAt = At.AddHours(-23) },
            new() { Id = Sprig.Kernel.Ids.New(), BuyerId = buyer, ItemId = old, Kind = FeedItemKind.Post, Tab = FeedTab.Following, Source = TrafficSource.Public,
                Pool = "organic", Position = 0, ServedAt = At.AddHours(-25) },
        ];
        await using (var db = Open())
        {
            await db.GetService<IMigrator>().MigrateAsync("CoveringSeenIndex");
            foreach (var i in rows)
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "Impressions" ("Id", "BuyerId", "ItemId", "Kind", "ShopId", "ProductId", "Tab", "Source", "Pool", "FriendsLiked", "Boost", "Position", "ServedAt")
                    VALUES ({0}, {1}, {2}, {3}, NULL, NULL, {4}, {5}, POOL, {6}, BOOST, {7}, {8})
                    """.Replace("POOL", Literal(i.Pool)).Replace("BOOST", Literal(i.Boost)),
                    i.Id, i.BuyerId, i.ItemId, i.Kind.ToString(), i.Tab.ToString(), i.Source.ToString(), i.FriendsLiked, i.Position,
                    provider == "sqlite" ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(i.ServedAt)! : i.ServedAt);
            await db.Database.MigrateAsync();
        }

        await using (var db = Open())
        {
            var found = await ImpressionLog.FindAsync(db, rows.Select(r => r.Id), default);
            // the old log's positions were the item's place on its page; a page of one keeps the id, whose last byte is now the slot
            Assert.Equal(Describe(rows.Take(2), position: false), Describe(found.Values.OrderByDescending(i => i.ServedAt), position: false));
            Assert.Equal(rows[1].ItemId, (await ImpressionLog.FindAsync(db, rows[1].Id, buyer, default))?.ItemId);
            Assert.Null(await ImpressionLog.FindAsync(db, rows[1].Id, Guid.NewGuid(), default)); // only the buyer's own
            await db.Database.OpenConnectionAsync();
            var own = await BuyerRows.ReadAsync(db, buyer, At.AddDays(-2), interests: false, default);
            Assert.Equal(new HashSet<Guid> { video, product }, own.Seen);
        }

        // and back: a page of many written since, then a downgrade turns every page into an impression a row again, the
        // shop and product read from the item
        var page = ServedPage.NewId();
        string?[] pools = [null, "brand", "organic", "coldStart", "tier1", "tier9"];
        string?[] boosts = [null, "brand", "live"];
        var since = Enumerable.Range(0, 8).Where(slot => slot != 5).Select(slot => new Impression
        {
            Id = ServedPage.ImpressionId(page, slot), BuyerId = buyer, ItemId = slot == 2 ? product : Guid.NewGuid(), Kind = (FeedItemKind)(slot % 4),
            Tab = FeedTab.Friends, Source = (TrafficSource)(slot % 2), Pool = pools[slot % pools.Length], Boost = boosts[slot % boosts.Length],
            FriendsLiked = slot * 9_000, Position = slot, ServedAt = At.AddMinutes(5),
        }).ToList();
        var shop = Guid.NewGuid();
        await using (var db = Open())
        {
            db.ServedPages.Add(ServedPage.Of(since));
            db.FeedItems.Add(new FeedItem { Id = product, Kind = FeedItemKind.Product, ShopId = shop, ProductId = product, Title = "牛轧糖" });
            await db.SaveChangesAsync();
            await db.GetService<IMigrator>().MigrateAsync("CoveringSeenIndex");
        }
        await using (var db = Open())
        {
            var back = new List<(Impression Impression, Guid? ShopId, Guid? ProductId)>();
            await db.Database.OpenConnectionAsync();
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = """
                SELECT "Id", "BuyerId", "ItemId", "Kind", "Tab", "Source", "Pool", "Boost", "FriendsLiked", "Position", "ServedAt", "ShopId", "ProductId" FROM "Impressions"
                """;
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                back.Add((new Impression
                {
                    Id = r.GetGuid(0), BuyerId = r.GetGuid(1), ItemId = r.GetGuid(2), Kind = Enum.Parse<FeedItemKind>(r.GetString(3)), Tab = Enum.Parse<FeedTab>(r.GetString(4)),
                    Source = Enum.Parse<TrafficSource>(r.GetString(5)), Pool = r.IsDBNull(6) ? null : r.GetString(6), Boost = r.IsDBNull(7) ? null : r.GetString(7),
                    FriendsLiked = r.GetInt32(8), Position = r.GetInt32(9),
                    ServedAt = provider == "sqlite" ? (DateTimeOffset)new DateTimeOffsetToBinaryConverter().ConvertFromProvider(r.GetInt64(10))! : r.GetFieldValue<DateTimeOffset>(10),
                }, r.IsDBNull(11) ? null : r.GetGuid(11), r.IsDBNull(12) ? null : r.GetGuid(12)));

            Assert.Equal(Describe(rows.Take(2).Concat(since), position: false).Order(), Describe(back.Select(b => b.Impression), position: false).Order());
            Assert.All(back.Where(b => since.Any(i => i.Id == b.Impression.Id)), b => Assert.Equal(b.Impression.Id.ToByteArray(bigEndian: true)[15], b.Impression.Position));
            Assert.All(back, b => Assert.Equal(b.Impression.ItemId == product ? (shop, product) : (null, null), (b.ShopId, b.ProductId)));
        }
    }

    private static string Literal(string? s) => s is null ? "NULL" : $"'{s}'";

    private static List<string> Describe(IEnumerable<Impression> impressions, bool position = true) => impressions
        .Select(i => $"{i.Id} {i.BuyerId} {i.ItemId} {i.Kind} {i.Tab} {i.Source} {i.Pool} {i.Boost} {i.FriendsLiked} {(position ? i.Position : "")} {i.ServedAt:O}").ToList();
}

file static class ImpressionCopies
{
    public static Impression With(this Impression i, string? pool = null, string? boost = null) => new()
    {
        Id = i.Id, BuyerId = i.BuyerId, ItemId = i.ItemId, Kind = i.Kind, Tab = i.Tab, Source = i.Source, Pool = pool ?? i.Pool, Boost = boost ?? i.Boost,
        FriendsLiked = i.FriendsLiked, Position = i.Position, ServedAt = i.ServedAt,
    };
}
