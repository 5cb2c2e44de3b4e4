namespace Sprig.Kernel;

/// <summary>
/// The one routine that splits an amount over parts by weight (discounts over lines, fees over shares).
/// Largest-remainder method: the parts always add up to the whole, never a fen lost or invented.
/// </summary>
public static class Allocation
{
    public static long[] Split(long total, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var parts = new long[weights.Count];
        if (weights.Count == 0) return parts;
        Int128 weightSum = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w);
            weightSum += w;
        }
        if (weightSum == 0 || weights.Count == 1)
        {
            // nothing to weigh by, or one part (the common one-line order): everything to the first part
            parts[0] = total;
            return parts;
        }

        var remainders = new (Int128 Remainder, long Weight, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            parts[i] = (long)(exact / weightSum);
            given += parts[i];
            remainders[i] = (exact % weightSum, weights[i], i);
        }

        // the leftover fen go to the largest remainders; ties to the larger weight, then the earlier part
        Array.Sort(remainders, (a, b) =>
            b.Remainder != a.Remainder ? b.Remainder.CompareTo(a.Remainder)
            : b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight)
            : a.Index.CompareTo(b.Index));
        for (var k = 0; given < total; k++, given++)
            parts[remainders[k].Index]++;
        return parts;
    }

    /// <summary>The share of <paramref name="total"/> that <paramref name="part"/> is of <paramref name="whole"/>, rounded half up to the fen.</summary>
    public static long ProRata(long total, long part, long whole) =>
        whole == 0 ? 0 : (long)(((Int128)total * part + whole / 2) / whole);

    /// <summary>rate (in basis points) × amount, rounded half up to the fen.</summary>
    public static long ApplyBps(long amount, int bps) =>
        (long)(((Int128)amount * bps + 5_000) / 10_000);
}
