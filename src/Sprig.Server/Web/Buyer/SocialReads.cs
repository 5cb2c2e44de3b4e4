using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Social;

namespace Sprig.Server.Web.Buyer;

/// <summary>The states of a page's social buttons, and the feed's click event for an item opened from the feed.</summary>
public sealed class SocialReads(SprigDb db, LikeDesk likes, FollowDesk follows, ShareDesk shares, ClientEvents events)
{
    public async Task<LikeButton> LikeAsync(Guid? me, SignalTarget kind, Guid id, CancellationToken ct)
    {
        var s = await likes.StateAsync(me, kind, id, ct);
        return new LikeButton(kind == SignalTarget.Product ? "product" : "content", id, s.Liked, s.LikeCount);
    }

    public async Task<FollowButton> FollowAsync(Guid? me, FollowTarget kind, Guid id, CancellationToken ct)
    {
        var s = await follows.StateAsync(me, kind, id, ct);
        return new FollowButton(kind == FollowTarget.Shop ? "shop" : "user", id, s.Following, s.Followers);
    }

    public async Task<ShareButton> ShareAsync(SignalTarget kind, Guid id, CancellationToken ct) =>
        new(kind == SignalTarget.Product ? "product" : "content", id, await shares.CountAsync(kind, id, ct), null);

    /// <summary>An item opened from the feed counts as a click on its impression (POST /api/events); a stale or foreign id is ignored.</summary>
    public async Task ClickedAsync(Guid? me, string? impressionId, string type = "click", CancellationToken ct = default)
    {
        if (me is not { } user || impressionId is null || !Guid.TryParse(impressionId, out _)) return;
        try
        {
            await events.RecordAsync(user, new ClientEvent(type, impressionId, null, null, null), ct);
        }
        catch (SprigException)
        {
            // an impression that is not this buyer's (a copied link) records nothing; the page still opens
        }
    }

    public Task<string?> ShopNameAsync(Guid? shopId, CancellationToken ct) =>
        shopId is { } id ? db.Shops.AsNoTracking().Where(s => s.Id == id).Select(s => (string?)s.Name).FirstOrDefaultAsync(ct) : Task.FromResult<string?>(null);

    public Task<List<Comment>> CommentsAsync(Guid contentId, CancellationToken ct) =>
        db.Comments.AsNoTracking().Where(c => c.ContentId == contentId && c.Status == CommentStatus.Visible).OrderByDescending(c => c.Id).Take(20).ToListAsync(ct);

    public Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToArray();
        return db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
