using Sprig.Data;

namespace Sprig.Catalog.Search;

/// <summary>
/// One row of the catalogue's change feed: "this product (or every product of this shop) may look different to
/// search now". Written in the same transaction as the change itself; each node's search index polls the feed and
/// re-reads what it names from the database, so a row says only what to look at, never what it became.
/// </summary>
public sealed class CatalogChange : IChangeRow
{
    public long Seq { get; init; }
    /// <summary>
    /// On PostgreSQL the id of the writing transaction (<c>pg_current_xact_id()</c>), set by the database: readers
    /// take only rows of transactions older than every transaction still running (see <see cref="ChangeFeed"/>).
    /// Always 0 on SQLite, whose one writer at a time commits in <see cref="Seq"/> order.
    /// </summary>
    public long TxId { get; init; }
    public Guid? ProductId { get; init; }
    public Guid? ShopId { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The product changed (listed, delisted, edited); the caller saves, in the change's own transaction.</summary>
    public static void OfProduct(SprigDb db, Guid productId, DateTimeOffset now) =>
        db.CatalogChanges.Add(new CatalogChange { ProductId = productId, At = now });

    /// <summary>The shop changed (approved, suspended, reinstated): all its products are looked at again.</summary>
    public static void OfShop(SprigDb db, Guid shopId, DateTimeOffset now) =>
        db.CatalogChanges.Add(new CatalogChange { ShopId = shopId, At = now });
}
