using Microsoft.AspNetCore.Mvc;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Endpoints;
using Sprig.Server.Web.Shared;
using Sprig.Social;

namespace Sprig.Server.Web.Buyer;

/// <summary>A live room: on air or not, viewers now (refreshed), the pinned product first. A signed-in visitor joins the room (LiveDesk counts them once).</summary>
public sealed class LiveModel(ContentDesk contents, LiveDesk lives, SprigDb db, SocialReads social) : WebPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ContentDto? Item { get; private set; }
    public string? ShopName { get; private set; }
    public OrderTrail Trail { get; private set; } = new(null, null, null, null);
    public LikeButton Like { get; private set; } = null!;
    public FollowButton? Follow { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        var session = await contents.GetAsync(Id, viewer, ct);
        if (session.Kind != ContentKind.Live) return LocalRedirect($"/v/{Id}");
        if (SignedIn && session.LiveStatus == LiveStatus.OnAir)
        {
            try { session = await lives.JoinAsync(Id, Me, ct); }
            catch (SprigException) { /* the room closed meanwhile: show it as it is */ }
        }
        Item = await ContentViews.OneAsync(db, session, viewer, ct);
        var q = OrderTrail.From(Request.Query);
        Trail = q with { Cid = Id.ToString() };
        await social.ClickedAsync(SignedIn ? Me : null, q.Imp, ct: ct);
        ShopName = await social.ShopNameAsync(Item.ShopId, ct);
        var me = SignedIn ? Me : (Guid?)null;
        Like = await social.LikeAsync(me, SignalTarget.Content, Id, ct);
        if (Item.ShopId is { } shop) Follow = await social.FollowAsync(me, FollowTarget.Shop, shop, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetViewersAsync(CancellationToken ct)
    {
        var session = await contents.GetAsync(Id, HttpContext.Viewer(), ct);
        return Content(L.F("live.viewers", session.ViewersNow));
    }
}
