namespace Sprig.Kernel;

/// <summary>An amount in the currency's minor unit (fen for CNY). Never a double, never a bare decimal.</summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public const string Currency = "CNY";

    /// <summary>The per-SKU price cap of DOMAIN.md: ¥10,000,000.</summary>
    public static readonly Money PriceCap = new(1_000_000_000);

    public static readonly Money Zero = new(0);

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator *(Money a, int times) => new(checked(a.Fen * times));
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>¥123.45; a negative amount keeps its sign under a yuan too (-¥0.50).</summary>
    public override string ToString() => $"{(Fen < 0 ? "-" : "")}¥{Math.Abs(Fen / 100)}.{Math.Abs(Fen % 100):00}";
}
