using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Platform;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>Traffic-pool tiers (budgets and thresholds, as PUT /api/ops/traffic-pools/{level}) and the brand pool's share and boost (platform settings).</summary>
public sealed class TrafficModel(SprigDb db, PlatformSettings settings, PoolReview review) : WebPage
{
    public static readonly string[] Keys = [PlatformSettings.BrandShareBps, PlatformSettings.BrandBoostBps, PlatformSettings.PoolShareBps, PlatformSettings.MaxPerShopPerPage];

    public List<PoolTier> Tiers { get; private set; } = [];
    public List<(string Key, long Value)> Settings { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostTierAsync(int level, int? budget, int? minCtrBps, int? minCompletionBps, int? minLikeBps, CancellationToken ct) => RunAsync(async () =>
    {
        new Validator()
            .Require(budget is null or (>= 1 and <= 100_000_000), "budget", "must be between 1 and 100000000 impressions")
            .Require(minCtrBps is null or (>= 0 and <= 10_000), "minCtrBps", "must be between 0 and 10000")
            .Require(minCompletionBps is null or (>= 0 and <= 10_000), "minCompletionBps", "must be between 0 and 10000")
            .Require(minLikeBps is null or (>= 0 and <= 10_000), "minLikeBps", "must be between 0 and 10000")
            .ThrowIfInvalid();
        var tier = await db.PoolTiers.FirstOrDefaultAsync(t => t.Level == level, ct) ?? throw SprigException.NotFound("Traffic pool tier");
        tier.Budget = budget ?? tier.Budget;
        tier.MinCtrBps = minCtrBps ?? tier.MinCtrBps;
        tier.MinCompletionBps = minCompletionBps ?? tier.MinCompletionBps;
        tier.MinLikeBps = minLikeBps ?? tier.MinLikeBps;
        await db.SaveChangesAsync(ct);
    }, Say("saved"));

    public Task<IActionResult> OnPostSettingAsync(string key, long? value, CancellationToken ct) => RunAsync(async () =>
    {
        new Validator().Require(value is >= 1 and <= 100_000, "value", "must be between 1 and 100000").ThrowIfInvalid();
        await settings.SetNumberAsync(key, value!.Value, ct);
    }, Say("saved"));

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var (promoted, organic) = await review.RunAsync(ct);
        TempData[NoticeKey] = $"↑ {promoted} · → {organic}";
    });

    protected override async Task LoadAsync()
    {
        Tiers = await db.PoolTiers.AsNoTracking().OrderBy(t => t.Level).ToListAsync();
        Settings = [];
        foreach (var k in Keys) Settings.Add((k, await settings.GetNumberAsync(k)));
    }
}
