using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>
/// The platform's cross-shop coupons, each drawing on a subsidy budget of its own: a new one (kind and numbers,
/// quantity, per-buyer limit, budget, claim window, validity), pause, resume, end (CouponDesk, as /api/ops/coupons).
/// </summary>
public sealed class CouponsModel(SprigDb db, CouponDesk desk, TimeProvider clock) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<Coupon> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, SubsidyBudget> Budgets { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public CouponForm New { get; private set; } = new();
    public bool Creating { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostCreateAsync(CouponForm form, CancellationToken ct)
    {
        (New, Creating) = (form, true);
        return RunAsync(() => desk.CreateForPlatformAsync(new NewCoupon(form.Kind, Threshold(form), ParseYuan(form.Amount, "amount"),
            form.Percent, form.TotalQuantity, form.PerBuyerLimit, ParseTime(form.ClaimFrom, "claimFrom"), ParseTime(form.ClaimTo, "claimTo"), form.ValidDays,
            ParseYuan(form.Budget, "budget")), ct), Say("o.coupons.created"));
    }

    // buy-N coupons count items at their threshold, the others yuan
    private static long? Threshold(CouponForm form) =>
        !string.Equals(form.Kind, "quantity", StringComparison.OrdinalIgnoreCase) ? ParseYuan(form.Threshold, "threshold")
        : string.IsNullOrWhiteSpace(form.Threshold) ? null
        : long.TryParse(form.Threshold.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw Kernel.SprigException.Validation("threshold", "is not a number of items");

    public Task<IActionResult> OnPostMoveAsync(Guid id, string? action, CancellationToken ct) =>
        RunAsync(() => desk.MoveAsync(null, id, PromotionMoves.To(action), ct), Say("saved"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Now = clock.GetUtcNow();
        var page = await db.Coupons.AsNoTracking().Where(c => c.ShopId == null).PageAsync(c => c.Id, 20, Cursor, c => c, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        var budgetIds = Items.Where(c => c.BudgetId != null).Select(c => c.BudgetId!.Value).ToArray();
        Budgets = await db.SubsidyBudgets.AsNoTracking().Where(b => budgetIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        New.ClaimFrom ??= Fmt.TimeInput(Now);
        New.ClaimTo ??= Fmt.TimeInput(Now.AddDays(7));
    }
}
