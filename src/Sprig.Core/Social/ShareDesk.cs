using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;

namespace Sprig.Social;

public sealed record NewShare(Guid? ToUserId, Guid? FromShareId);

/// <summary>
/// Shares of content and products. A share's id is its link's token. Someone who arrived through a share and
/// shares again continues its chain, first sharer first, so an order from the last link credits everyone before;
/// a sharer already in the chain is not added twice, and a chain stops growing at <see cref="Share.MaxChain"/>.
/// Every share counts in the content's share count; only a user's first share of an item counts in its ranking.
/// </summary>
public sealed class ShareDesk(SprigDb db, TimeProvider clock)
{
    public async Task<Share> ShareAsync(Guid userId, SignalTarget kind, Guid targetId, Viewer viewer, NewShare req, CancellationToken ct = default)
    {
        var shopId = await SocialTargets.OpenShopAsync(db, kind, targetId, viewer, ct);
        var v = new Validator().Require(req.ToUserId != userId, "toUserId", "cannot share with yourself");
        if (req.ToUserId is { } to && to != userId) v.Require(await db.Users.AnyAsync(u => u.Id == to, ct), "toUserId", "no such user");
        Share? parent = null;
        if (req.FromShareId is { } from)
        {
            parent = await db.Shares.AsNoTracking().FirstOrDefaultAsync(s => s.Id == from, ct);
            v.Require(parent is not null, "fromShareId", "no such share");
            v.Require(parent is null || parent.TargetId == targetId, "fromShareId", "is a share of something else");
        }
        v.ThrowIfInvalid();

        var chain = parent is null ? [] : parent.Chain.Split(',').ToList();
        var me = userId.ToString();
        if (!chain.Contains(me) && chain.Count < Share.MaxChain) chain.Add(me);
        var share = new Share
        {
            Id = Ids.New(), UserId = userId, TargetId = targetId, TargetKind = kind, ShopId = shopId, ParentId = parent?.Id,
            Chain = string.Join(',', chain), ToUserId = req.ToUserId, CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // the ranking counts sharers, not shares (as likes count likers): one account sharing a video ten thousand times
        // would otherwise lift it through the pools. Two first shares racing may both count; a rare extra one, not a pump
        var firstOfSharer = !await db.Shares.AnyAsync(s => s.UserId == userId && s.TargetId == targetId, ct);
        db.Shares.Add(share);
        SocialChange.Of(db, userId);
        await db.SaveChangesAsync(ct);
        if (kind == SignalTarget.Content)
            await db.ContentItems.Where(c => c.Id == targetId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ShareCount, c => c.ShareCount + 1), ct);
        if (firstOfSharer) await FeedSignals.SharedAsync(db, targetId, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return share;
    }

    public async Task<Share> GetAsync(Guid shareId, CancellationToken ct = default) =>
        await db.Shares.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shareId, ct) ?? throw SprigException.NotFound("Share");

    public async Task<long> CountAsync(SignalTarget kind, Guid targetId, CancellationToken ct = default) =>
        kind == SignalTarget.Content
            ? await db.ContentItems.Where(c => c.Id == targetId).Select(c => c.ShareCount).FirstOrDefaultAsync(ct)
            : await db.Shares.CountAsync(s => s.TargetId == targetId, ct);
}
