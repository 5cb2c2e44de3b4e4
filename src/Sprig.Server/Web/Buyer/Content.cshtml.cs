using Microsoft.AspNetCore.Mvc;
using Sprig.Content;
using Sprig.Data;
using Sprig.Server.Endpoints;
using Sprig.Server.Web.Shared;
using Sprig.Social;

namespace Sprig.Server.Web.Buyer;

/// <summary>A video or a post with its product cards, likes, shares and comments. A live session has its own room page.</summary>
public sealed class ContentModel(ContentDesk contents, CommentDesk comments, SprigDb db, SocialReads social) : WebPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ContentDto? Item { get; private set; }
    public string? ShopName { get; private set; }
    public OrderTrail Trail { get; private set; } = new(null, null, null, null);
    public LikeButton Like { get; private set; } = null!;
    public ShareButton Share { get; private set; } = null!;
    public FollowButton? FollowShop { get; private set; }
    public FollowButton? FollowAuthor { get; private set; }
    public List<Comment> Comments { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync();
        if (Item!.Kind == ContentKind.Live) return LocalRedirect($"/live/{Id}?{Trail.Query().TrimStart('&')}");
        await social.ClickedAsync(SignedIn ? Me : null, Trail.Imp, ct: ct);
        return Page();
    }

    public Task<IActionResult> OnPostCommentAsync(string? text, CancellationToken ct) =>
        RunAsync(() => comments.PostAsync(Id, Me, text, ct), Say("content.commented"));

    protected override async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var viewer = HttpContext.Viewer();
        Item = await ContentViews.OneAsync(db, await contents.GetAsync(Id, viewer, ct), viewer, ct);
        var q = OrderTrail.From(Request.Query);
        // a product opened from here was brought by this content: the order credits it (and its creator)
        Trail = q with { Cid = Id.ToString(), Scene = q.Scene ?? (q.Imp is null ? (Item.Kind == ContentKind.Video ? "shortVideo" : "feed") : null) };
        ShopName = await social.ShopNameAsync(Item.ShopId, ct);
        var me = SignedIn ? Me : (Guid?)null;
        Like = await social.LikeAsync(me, SignalTarget.Content, Id, ct);
        Share = await social.ShareAsync(SignalTarget.Content, Id, ct);
        if (Item.ShopId is { } shop) FollowShop = await social.FollowAsync(me, FollowTarget.Shop, shop, ct);
        else FollowAuthor = await social.FollowAsync(me, FollowTarget.User, Item.AuthorId, ct);
        Comments = await social.CommentsAsync(Id, ct);
        Names = await social.NamesAsync(Comments.Select(c => c.UserId), ct);
    }
}
