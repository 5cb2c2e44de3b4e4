using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>The category tree with each leaf's fee rate and deposit, with PUT /api/ops/categories/{id}'s rules.</summary>
public sealed class CategoriesModel(SprigDb db) : WebPage
{
    public List<Category> Items { get; private set; } = [];
    public Guid? Failed { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostChangeAsync(Guid id, int? feeRateBps, string? deposit, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(async () =>
        {
            var fen = ParseYuan(deposit, "deposit");
            new Validator()
                .Require(feeRateBps is null || Category.AllowedFeeRatesBps.Contains(feeRateBps.Value), "feeRateBps", "must be one of 100, 200, 250, 300, 400, 500")
                .Require(fen is null or (>= 0 and <= 100_000_000), "deposit", "must be between 0 and 100000000 fen")
                .ThrowIfInvalid();
            var c = await db.Categories.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw SprigException.NotFound("Category");
            if (feeRateBps is { } fee) c.FeeRateBps = fee;
            if (fen is { } d) c.DepositFen = d;
            await db.SaveChangesAsync(ct);
        }, Say("saved"));
    }

    protected override async Task LoadAsync() => Items = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync();
}
