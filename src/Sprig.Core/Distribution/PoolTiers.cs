using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>The default traffic-pool tiers of DOMAIN.md (industry observation, uncertain): operator data from the first start on.</summary>
public static class PoolTiers
{
    public const int ColdStart = 0;

    public static readonly IReadOnlyList<PoolTier> Defaults =
    [
        new() { Level = 0, Name = "coldStart", Budget = 500, MinCtrBps = 300, MinCompletionBps = 2_000, MinLikeBps = 50, MinShareBps = 0, MinCvrBps = 0, MinGpm = 0 },
        new() { Level = 1, Name = "tier1", Budget = 3_000, MinCtrBps = 400, MinCompletionBps = 2_500, MinLikeBps = 80, MinShareBps = 10, MinCvrBps = 0, MinGpm = 0 },
        new() { Level = 2, Name = "tier2", Budget = 15_000, MinCtrBps = 500, MinCompletionBps = 3_000, MinLikeBps = 100, MinShareBps = 20, MinCvrBps = 20, MinGpm = 0 },
        new() { Level = 3, Name = "tier3", Budget = 100_000, MinCtrBps = 600, MinCompletionBps = 3_500, MinLikeBps = 150, MinShareBps = 30, MinCvrBps = 30, MinGpm = 10_000 },
        new() { Level = 4, Name = "tier4", Budget = 500_000, MinCtrBps = 0, MinCompletionBps = 0, MinLikeBps = 0, MinShareBps = 0, MinCvrBps = 0, MinGpm = 0 },
    ];

    public static string NameOf(int level) => level == FeedItem.Organic ? "organic" : level < Defaults.Count ? Defaults[level].Name : $"tier{level}";

    /// <summary>The level a pool's name stands for (<see cref="NameOf"/> backwards), or null for a name no level has.</summary>
    public static int? LevelOf(string name) =>
        name == "organic" ? FeedItem.Organic
        : Defaults.FirstOrDefault(t => t.Name == name)?.Level
        ?? (name.StartsWith("tier", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), out var n) && n >= Defaults.Count && n <= sbyte.MaxValue ? n : null);

    public static async Task EnsureAsync(SprigDb db, CancellationToken ct)
    {
        if (await db.PoolTiers.AnyAsync(ct)) return;
        db.PoolTiers.AddRange(Defaults.Select(t => new PoolTier
        {
            Level = t.Level, Name = t.Name, Budget = t.Budget, MinCtrBps = t.MinCtrBps, MinCompletionBps = t.MinCompletionBps,
            MinLikeBps = t.MinLikeBps, MinShareBps = t.MinShareBps, MinCvrBps = t.MinCvrBps, MinGpm = t.MinGpm,
        }));
        await db.SaveChangesAsync(ct);
    }
}
