namespace Sprig.Distribution;

/// <summary>The ranking model (filled in with the feed).</summary>
public static class Ranking
{
    /// <summary>The score of an item nobody has seen yet.</summary>
    public const double Prior = 1.0;
}
