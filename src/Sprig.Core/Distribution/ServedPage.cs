using System.Buffers.Binary;

namespace Sprig.Distribution;

/// <summary>
/// The impression log: one row per page served to a buyer, its items and why each was shown packed in
/// <see cref="Items"/>. An impression's id is its page's id with its slot in the last byte, so one read of the page
/// answers for any of its impressions (<see cref="ImpressionLog"/>), and "seen in the last 24 hours" reads the buyer's
/// pages of the day. A row a page instead of one an impression: at 500 feeds a second, 20 impression rows a page with
/// two indexes each were about a third of a feed's CPU.
/// </summary>
public sealed class ServedPage
{
    /// <summary>Bytes of one item: its slot, the item's id, then kind, source, pool, boost and the friends who liked it.</summary>
    private const int EntrySize = 24;
    private const sbyte NoPool = sbyte.MinValue;
    private const sbyte BrandPool = -2;
    /// <summary>The boosts a reason can carry, by code (0: none).</summary>
    private static readonly string?[] Boosts = [null, "brand", "live"];

    /// <summary>The page's id: a UUID v7 whose last byte is 0, the slot of each of its impressions' ids.</summary>
    public Guid Id { get; init; }
    public Guid BuyerId { get; init; }
    public FeedTab Tab { get; init; }
    public DateTimeOffset ServedAt { get; init; }
    public required byte[] Items { get; init; }

    /// <summary>A new page's id.</summary>
    public static Guid NewId()
    {
        Span<byte> b = stackalloc byte[16];
        Kernel.Ids.New().TryWriteBytes(b, bigEndian: true, out _);
        b[15] = 0; // random bits: the node's counter and clock keep ids unique without them
        return new Guid(b, bigEndian: true);
    }

    /// <summary>The id of the impression in <paramref name="slot"/> of page <paramref name="pageId"/>.</summary>
    public static Guid ImpressionId(Guid pageId, int slot)
    {
        if ((uint)slot > byte.MaxValue) throw new ArgumentOutOfRangeException(nameof(slot));
        Span<byte> b = stackalloc byte[16];
        pageId.TryWriteBytes(b, bigEndian: true, out _);
        b[15] = (byte)slot;
        return new Guid(b, bigEndian: true);
    }

    /// <summary>The page an impression id belongs to, and its slot there.</summary>
    public static Guid PageOf(Guid impressionId, out int slot)
    {
        Span<byte> b = stackalloc byte[16];
        impressionId.TryWriteBytes(b, bigEndian: true, out _);
        slot = b[15];
        b[15] = 0;
        return new Guid(b, bigEndian: true);
    }

    /// <summary>One page's row from its impressions (all of one page: same buyer, tab and time).</summary>
    public static ServedPage Of(IReadOnlyList<Impression> impressions)
    {
        var first = impressions[0];
        var items = new byte[impressions.Count * EntrySize];
        for (var i = 0; i < impressions.Count; i++)
        {
            var imp = impressions[i];
            var e = items.AsSpan(i * EntrySize, EntrySize);
            PageOf(imp.Id, out var slot);
            e[0] = (byte)slot;
            imp.ItemId.TryWriteBytes(e[1..17], bigEndian: true, out _);
            e[17] = (byte)imp.Kind;
            e[18] = (byte)imp.Source;
            e[19] = (byte)PoolCode(imp.Pool);
            e[20] = BoostCode(imp.Boost);
            BinaryPrimitives.WriteUInt16BigEndian(e[21..23], (ushort)Math.Clamp(imp.FriendsLiked, 0, ushort.MaxValue));
        }
        return new ServedPage { Id = PageOf(first.Id, out _), BuyerId = first.BuyerId, Tab = first.Tab, ServedAt = first.ServedAt, Items = items };
    }

    /// <summary>The page's impressions, in slot order.</summary>
    public IEnumerable<Impression> Impressions()
    {
        for (var at = 0; at + EntrySize <= Items.Length; at += EntrySize) yield return Entry(at);
    }

    /// <summary>The impression in <paramref name="slot"/>, if the page showed one there.</summary>
    public Impression? At(int slot)
    {
        for (var at = 0; at + EntrySize <= Items.Length; at += EntrySize)
            if (Items[at] == slot) return Entry(at);
        return null;
    }

    /// <summary>The items a page's row shows, without reading the rest of it (the seen-in-24-hours read).</summary>
    public static void AddItemIds(byte[] items, ISet<Guid> into)
    {
        for (var at = 0; at + EntrySize <= items.Length; at += EntrySize) into.Add(new Guid(items.AsSpan(at + 1, 16), bigEndian: true));
    }

    private Impression Entry(int at)
    {
        var e = Items.AsSpan(at, EntrySize);
        var pool = (sbyte)e[19];
        return new Impression
        {
            Id = ImpressionId(Id, e[0]), BuyerId = BuyerId, ItemId = new Guid(e[1..17], bigEndian: true), Kind = (FeedItemKind)e[17],
            Tab = Tab, Source = (TrafficSource)e[18], Pool = pool == NoPool ? null : pool == BrandPool ? "brand" : PoolTiers.NameOf(pool),
            Boost = e[20] < Boosts.Length ? Boosts[e[20]] : null, FriendsLiked = BinaryPrimitives.ReadUInt16BigEndian(e[21..23]), Position = e[0],
            ServedAt = ServedAt,
        };
    }

    private static sbyte PoolCode(string? pool) => pool switch
    {
        null => NoPool,
        "brand" => BrandPool,
        "organic" => FeedItem.Organic,
        _ => (sbyte)(PoolTiers.LevelOf(pool) ?? throw new ArgumentException($"no traffic pool is called {pool}", nameof(pool))),
    };

    private static byte BoostCode(string? boost)
    {
        var code = Array.IndexOf(Boosts, boost);
        return code >= 0 ? (byte)code : throw new ArgumentException($"no boost is called {boost}", nameof(boost));
    }
}
