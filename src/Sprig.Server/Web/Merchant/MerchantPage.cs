using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Server.Web.Shared;
using Sprig.Shops;

namespace Sprig.Server.Web.Merchant;

/// <summary>
/// A merchant console page: the shop it works on (<c>?shop=</c>, or the caller's first), checked to be the caller's
/// as every merchant route checks it (ShopDesk.GetOwnedAsync). A signed-in user without a shop is sent to open one.
/// </summary>
public abstract class MerchantPage : WebPage
{
    [BindProperty(SupportsGet = true, Name = "shop")] public Guid? ShopId { get; set; }

    public Shop Shop { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var desk = HttpContext.RequestServices.GetRequiredService<ShopDesk>();
        var db = HttpContext.RequestServices.GetRequiredService<SprigDb>();
        var me = Me;
        var id = ShopId ?? await db.Shops.AsNoTracking().Where(s => s.OwnerId == me).OrderBy(s => s.Id).Select(s => (Guid?)s.Id).FirstOrDefaultAsync();
        if (id is null)
        {
            context.Result = LocalRedirect("/merchant/open");
            return;
        }
        Shop = await desk.GetOwnedAsync(id.Value, me);
        ViewData["shopName"] = $"{Shop.Name} · {L.Of(Shop.Status)}";
        ViewData["shopQuery"] = ShopId is null ? "" : $"?shop={Shop.Id}";
        await next();
    }

    /// <summary>A link within the console that keeps the shop it works on.</summary>
    public string Href(string path) => ShopId is null ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "shop=" + Shop.Id;
}
