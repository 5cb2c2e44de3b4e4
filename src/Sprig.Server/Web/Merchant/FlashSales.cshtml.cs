using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Promotions;
using Sprig.Server.Http;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// The shop's flash sales (秒杀): a new one on a listed SKU, a sale's quota, limit, end (and price, before it starts)
/// changed, paused, resumed, ended. FlashSaleDesk checks everything, as for POST/PATCH /api/shops/{id}/flash-sales.
/// </summary>
public sealed class FlashSalesModel(SprigDb db, FlashSaleDesk desk, TimeProvider clock) : MerchantPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<FlashSale> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public Dictionary<Guid, string> SkuNames { get; private set; } = [];
    public List<SkuChoice> Skus { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public FlashSaleForm New { get; private set; } = new();
    /// <summary>The sale whose change the module refused, so its row opens with the messages.</summary>
    public Guid? Failed { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostCreateAsync(FlashSaleForm form, CancellationToken ct)
    {
        New = form;
        return RunAsync(() => desk.CreateAsync(Shop, new NewFlashSale(form.SkuId, ParseYuan(form.Price, "price"), form.Quota, form.PerBuyerLimit,
            ParseTime(form.StartsAt, "startsAt"), ParseTime(form.EndsAt, "endsAt")), ct), Say("m.flash.created"));
    }

    public Task<IActionResult> OnPostChangeAsync(Guid id, string? price, int? quota, int? perBuyerLimit, string? endsAt, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.ChangeAsync(Shop.Id, id, new FlashSaleChange(ParseYuan(price, "price"), quota, perBuyerLimit, ParseTime(endsAt, "endsAt")), ct),
            Say("saved"));
    }

    public Task<IActionResult> OnPostMoveAsync(Guid id, string? action, CancellationToken ct)
    {
        Failed = id;
        return RunAsync(() => desk.MoveAsync(Shop.Id, id, PromotionMoves.To(action), ct), Say("saved"));
    }

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Now = clock.GetUtcNow();
        var page = await db.FlashSales.AsNoTracking().Where(f => f.ShopId == Shop.Id).PageAsync(f => f.Id, 20, Cursor, f => f, ct);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        SkuNames = await Shared.SkuNames.OfAsync(db, Items.Select(f => f.SkuId), ct);
        Skus = await SkuChoice.ListedAsync(db, Shop.Id, ct);
        // a new sale starts now and runs a day unless the merchant says otherwise
        New.StartsAt ??= Fmt.TimeInput(Now);
        New.EndsAt ??= Fmt.TimeInput(Now.AddDays(1));
    }
}
