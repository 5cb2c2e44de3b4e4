using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Finance;

public sealed record FeeProgramChange(
    string? Kind, string? Name, int? RateBps, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    long? GmvCap, int? DaysFromOpening, decimal? MinShopScore, IReadOnlyList<string>? Scenes, IReadOnlyList<Guid>? CategoryIds);

/// <summary>The operator's incentive programs: created, changed and ended as data, effective-dated.</summary>
public sealed class FeeProgramDesk(SprigDb db, TimeProvider clock)
{
    public async Task<FeeProgram> CreateAsync(FeeProgramChange c, CancellationToken ct = default)
    {
        FeeProgramKind kind = default;
        new Validator()
            .Require(c.Kind is not null && Enum.TryParse(c.Kind, true, out kind) && Enum.IsDefined(kind), "kind",
                "must be newShop, privateDomain, commissionFreeCard or brand")
            .Text(c.Name, "name", 64)
            .Require(c.RateBps is not null, "rateBps", "is required")
            .ThrowIfInvalid();
        var p = new FeeProgram { Id = Ids.New(), Kind = kind, Name = c.Name!.Trim(), StartsAt = clock.GetUtcNow(), CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(p, c, ct);
        db.FeePrograms.Add(p);
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task<FeeProgram> ChangeAsync(Guid id, FeeProgramChange c, CancellationToken ct = default)
    {
        var p = await db.FeePrograms.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw SprigException.NotFound("Fee program");
        new Validator().Text(c.Name, "name", 64, required: false).Require(c.Kind is null || string.Equals(c.Kind, p.Kind.ToString(), StringComparison.OrdinalIgnoreCase),
            "kind", "cannot change; end this program and create another").ThrowIfInvalid();
        if (c.Name is not null) p.Name = c.Name.Trim();
        await ApplyAsync(p, c, ct);
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task<FeeProgram> EndAsync(Guid id, CancellationToken ct = default)
    {
        var p = await db.FeePrograms.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw SprigException.NotFound("Fee program");
        p.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return p;
    }

    private async Task ApplyAsync(FeeProgram p, FeeProgramChange c, CancellationToken ct)
    {
        var v = new Validator()
            .Require(c.RateBps is null or (>= 0 and <= 500), "rateBps", "must be between 0 and 500 (the channel fee of 0.6% is charged whatever the program says)")
            .Require(c.GmvCap is null or (> 0 and <= 100_000_000_000), "gmvCap", "must be more than 0 fen")
            .Require(c.DaysFromOpening is null or (> 0 and <= 3650), "daysFromOpening", "must be between 1 and 3650")
            .Require(c.MinShopScore is null or (>= 0 and <= 5), "minShopScore", "must be between 0.0 and 5.0");
        var startsAt = c.StartsAt ?? p.StartsAt;
        var endsAt = c.EndsAt ?? p.EndsAt;
        v.Require(endsAt is null || endsAt > startsAt, "endsAt", "must be after startsAt");
        Scene scene = default;
        foreach (var s in c.Scenes ?? [])
            v.Require(Enum.TryParse(s, true, out scene) && Enum.IsDefined(scene), "scenes", $"'{s}' is not a scene");
        v.ThrowIfInvalid();
        if (c.CategoryIds is { Count: > 0 } ids)
        {
            var known = await db.Categories.CountAsync(x => ids.Contains(x.Id), ct);
            if (known != ids.Distinct().Count()) throw SprigException.Validation("categoryIds", "names a category that does not exist");
            p.CategoryIds = string.Join(',', ids.Distinct());
        }
        if (c.RateBps is { } rate) p.RateBps = rate;
        p.StartsAt = startsAt;
        p.EndsAt = endsAt;
        if (c.GmvCap is { } cap) p.GmvCap = cap;
        if (c.DaysFromOpening is { } days) p.DaysFromOpening = days;
        if (c.MinShopScore is { } score) p.MinShopScoreTenths = (int)Math.Round(score * 10);
        if (c.Scenes is not null) p.Scenes = string.Join(',', c.Scenes.Select(s => Enum.Parse<Scene>(s, true)));
    }

    /// <summary>The programs of DOMAIN.md, seeded once; the operator edits them afterwards.</summary>
    public static async Task EnsureDefaultsAsync(SprigDb db, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.FeePrograms.AnyAsync(ct)) return;
        db.FeePrograms.AddRange(
            new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.NewShop, Name = "新店 1% (New shop)", RateBps = 100, StartsAt = now, CreatedAt = now,
                GmvCap = 100_000_000, DaysFromOpening = 30 },
            new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.PrivateDomain, Name = "私域 1% (Private domain)", RateBps = 100, StartsAt = now, CreatedAt = now,
                MinShopScoreTenths = 42, Scenes = "Share,OfficialAccount,MiniProgram", EndsAt = now.AddYears(1) },
            new FeeProgram { Id = Ids.New(), Kind = FeeProgramKind.CommissionFreeCard, Name = "免佣商品卡 (Commission-free card)", RateBps = 60, StartsAt = now, CreatedAt = now,
                Scenes = "Showcase" });
        await db.SaveChangesAsync(ct);
    }
}
