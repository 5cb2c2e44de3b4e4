using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sprig.Kernel;

/// <summary>
/// UUID v7 (RFC 9562): a millisecond timestamp, then a counter, then random bits. Safe to mint on any node,
/// sortable by time, and strictly increasing on one node, so things made in the same millisecond
/// (the SKUs of a product, a batch of orders) keep their order in lists and cursors.
/// </summary>
public static class Ids
{
    // (unix ms << 12) | 12-bit counter of the last id minted here
    private static long _last;

    public static Guid New()
    {
        var floor = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 12;
        long next, last;
        do
        {
            last = Interlocked.Read(ref _last);
            // a counter that runs out borrows the next millisecond: still unique and increasing
            next = Math.Max(last + 1, floor);
        }
        while (Interlocked.CompareExchange(ref _last, next, last) != last);

        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b[8..]);
        var ms = next >> 12;
        var counter = (int)(next & 0xFFF);
        BinaryPrimitives.WriteInt64BigEndian(b, ms << 16); // 48-bit timestamp in bytes 0-5
        b[6] = (byte)(0x70 | (counter >> 8));           // version 7 and the counter's high bits
        b[7] = (byte)counter;
        b[8] = (byte)(0x80 | (b[8] & 0x3F));            // RFC variant
        return new Guid(b, bigEndian: true);
    }
}
