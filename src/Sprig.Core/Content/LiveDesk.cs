using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Content;

/// <summary>What the host (and the operator) sees of a live room's sales: paid orders of scene live naming the session.</summary>
public sealed record LiveSales(long Gmv, long Paid, long Refunded, int Orders, int Buyers, IReadOnlyList<LiveOrder> Recent);

public sealed record LiveOrder(Guid OrderId, long Original, long Paid, DateTimeOffset PaidAt);

/// <summary>
/// Live sessions: scheduled → onAir → ended, the product the host presents now, viewers coming and going, and the
/// room's sales. Every counter moves by one conditional statement on the session's row, taken first in each
/// transaction (so a join, a leave and an end queue on that one row and never deadlock), and a viewer's stay is a
/// row that a partial unique index allows once at a time: joining twice counts once.
/// </summary>
public sealed class LiveDesk(SprigDb db, ContentDesk contents, TimeProvider clock)
{
    public async Task<ContentItem> StartAsync(Guid contentId, Guid authorId, CancellationToken ct = default)
    {
        var live = await OwnLiveAsync(contentId, authorId, ct);
        if (live.Status != ContentStatus.Published)
            throw new SprigException(409, "content_not_published", $"The session is {Wire(live.Status)}: it can go on air once it is published.");
        // a suspended shop does not sell, so its room does not open (its products could not be bought from it anyway)
        if (live.ShopId is { } shopId) (await db.Shops.AsNoTracking().FirstAsync(s => s.Id == shopId, ct)).RequireOpen();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.ContentItems
            .Where(c => c.Id == contentId && c.LiveStatus == LiveStatus.Scheduled && c.Status == ContentStatus.Published)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LiveStatus, LiveStatus.OnAir).SetProperty(c => c.StartedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (moved == 0) throw SprigException.InvalidState($"The session is {Wire(live.LiveStatus)}; only a scheduled session can go on air.");
        await FeedEntry.OnAirChangedAsync(db, contentId, true, ct);
        await tx.CommitAsync(ct);
        return await FreshAsync(contentId, ct);
    }

    /// <summary>Ends a session on air, or cancels one still scheduled: viewers are let out and it leaves the feeds.</summary>
    public async Task<ContentItem> EndAsync(Guid contentId, Guid authorId, CancellationToken ct = default)
    {
        var live = await OwnLiveAsync(contentId, authorId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await StopAsync(db, live, clock.GetUtcNow(), ct))
            throw SprigException.InvalidState("The session has already ended.");
        await tx.CommitAsync(ct);
        return await FreshAsync(contentId, ct);
    }

    /// <summary>
    /// Ends a session still scheduled or on air (end, removal, rejection); false when it had already ended. The
    /// caller holds the transaction. Distribution hears it is off air and, being ended, no longer eligible.
    /// </summary>
    public static async Task<bool> StopAsync(SprigDb db, ContentItem content, DateTimeOffset now, CancellationToken ct)
    {
        if (content.Kind != ContentKind.Live) return false;
        var moved = await db.ContentItems
            .Where(c => c.Id == content.Id && (c.LiveStatus == LiveStatus.Scheduled || c.LiveStatus == LiveStatus.OnAir))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LiveStatus, LiveStatus.Ended).SetProperty(c => c.EndedAt, now)
                .SetProperty(c => c.ViewersNow, 0).SetProperty(c => c.PinnedProductId, (Guid?)null)
                .SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (moved == 0) return false;
        await db.LiveViewers.Where(v => v.ContentId == content.Id && v.LeftAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LeftAt, now), ct);
        await FeedEntry.OnAirChangedAsync(db, content.Id, false, ct);
        var ended = await db.ContentItems.AsNoTracking().Include(c => c.Cards).FirstAsync(c => c.Id == content.Id, ct);
        if (ended.Status == ContentStatus.Published)
        {
            await FeedEntry.ContentPublishedAsync(db, ended, now, ct);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await FeedEntry.WithdrawnAsync(db, content.Id, ct);
        }
        return true;
    }

    /// <summary>The product the host presents now (讲解中): one of the session's cards; null takes it down.</summary>
    public async Task<ContentItem> PinAsync(Guid contentId, Guid authorId, Guid? productId, CancellationToken ct = default)
    {
        var live = await OwnLiveAsync(contentId, authorId, ct);
        if (productId is { } p && live.Cards.All(c => c.ProductId != p))
            throw SprigException.Validation("productId", "must be one of the session's product cards");
        // a card's product may have been delisted since the session was set up: presenting it would sell nothing
        if (productId is { } listed && !await db.Products.AnyAsync(x => x.Id == listed && x.Status == Catalog.ProductStatus.Listed, ct))
            throw new SprigException(409, "product_not_listed", "The product is not listed.");
        var moved = await db.ContentItems
            .Where(c => c.Id == contentId && (c.LiveStatus == LiveStatus.Scheduled || c.LiveStatus == LiveStatus.OnAir))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PinnedProductId, productId), ct);
        if (moved == 0) throw SprigException.InvalidState("The session has ended.");
        return await FreshAsync(contentId, ct);
    }

    /// <summary>
    /// A viewer comes in. Already in the room: nothing changes. First time in this session: the total of distinct
    /// viewers grows too. The peak follows the count now in the same statement.
    /// </summary>
    public async Task<ContentItem> JoinAsync(Guid contentId, Guid userId, CancellationToken ct = default)
    {
        var live = await contents.GetAsync(contentId, new Viewer(userId, false), ct);
        RequireLive(live);
        var now = clock.GetUtcNow();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var stays = await db.LiveViewers.Where(v => v.ContentId == contentId && v.UserId == userId)
                .Select(v => v.LeftAt == null).ToListAsync(ct);
            if (stays.Contains(true)) return await FreshAsync(contentId, ct);
            var newcomer = stays.Count == 0 ? 1 : 0;
            var moved = await db.ContentItems
                .Where(c => c.Id == contentId && c.LiveStatus == LiveStatus.OnAir && c.Status == ContentStatus.Published)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.ViewersNow, c => c.ViewersNow + 1)
                    .SetProperty(c => c.PeakViewers, c => c.ViewersNow + 1 > c.PeakViewers ? c.ViewersNow + 1 : c.PeakViewers)
                    .SetProperty(c => c.TotalViewers, c => c.TotalViewers + newcomer), ct);
            if (moved == 0) throw new SprigException(409, "live_not_on_air", "The session is not on air.");
            db.LiveViewers.Add(new LiveViewer { Id = Ids.New(), ContentId = contentId, UserId = userId, JoinedAt = now });
            db.Facts.Add(Analytics.Facts.New($"live-join:{contentId}:{userId}:{Ids.New()}", Analytics.FactKind.LiveJoin, now, shopId: live.ShopId, buyerId: userId, itemId: contentId));
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // the same viewer's racing join got in first (the open-stay index); its counts stand, ours roll back
                db.ChangeTracker.Clear();
            }
        }
        return await FreshAsync(contentId, ct);
    }

    /// <summary>A viewer goes out; leaving a room one is not in changes nothing.</summary>
    public async Task<ContentItem> LeaveAsync(Guid contentId, Guid userId, CancellationToken ct = default)
    {
        // a viewer in the room may always leave it, even once an edit has it held (hidden from them): else the
        // room's count keeps them until it ends
        if (!await db.LiveViewers.AnyAsync(v => v.ContentId == contentId && v.UserId == userId && v.LeftAt == null, ct))
            RequireLive(await contents.GetAsync(contentId, new Viewer(userId, false), ct));
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // the session's row first, like join and end; the stay is closed second, and if a racing leave closed it
        // first, this decrement rolls back
        var moved = await db.ContentItems
            .Where(c => c.Id == contentId && c.ViewersNow > 0
                && db.LiveViewers.Any(v => v.ContentId == contentId && v.UserId == userId && v.LeftAt == null))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ViewersNow, c => c.ViewersNow - 1), ct);
        if (moved == 0) return await FreshAsync(contentId, ct);
        var closed = await db.LiveViewers.Where(v => v.ContentId == contentId && v.UserId == userId && v.LeftAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LeftAt, now), ct);
        if (closed == 0)
        {
            await tx.RollbackAsync(ct);
            return await FreshAsync(contentId, ct);
        }
        await tx.CommitAsync(ct);
        return await FreshAsync(contentId, ct);
    }

    /// <summary>
    /// The room's sales: GMV (original + freight) of paid orders of scene live whose content id is this session, placed
    /// while it was on air or within <see cref="CheckoutAfterEnd"/> of its end.
    /// </summary>
    public static readonly TimeSpan CheckoutAfterEnd = TimeSpan.FromHours(1);

    public async Task<LiveSales> SalesAsync(Guid contentId, CancellationToken ct = default)
    {
        // clients send the id as they got it; both spellings of a GUID name the same session
        var lower = contentId.ToString();
        var upper = lower.ToUpperInvariant();
        // the room's sales are those placed while it was on air, and in the hour after (a checkout begun in the room)
        var room = await db.ContentItems.AsNoTracking().Where(c => c.Id == contentId).Select(c => new { c.StartedAt, c.EndedAt }).FirstOrDefaultAsync(ct);
        if (room?.StartedAt is not { } from) return new LiveSales(0, 0, 0, 0, 0, []);
        var orders = db.Orders.AsNoTracking()
            .Where(o => (o.ContentId == lower || o.ContentId == upper) && o.Scene == Scene.Live && o.PaidAt != null && o.CreatedAt >= from);
        if (room.EndedAt is { } ended)
        {
            var until = ended + CheckoutAfterEnd;
            orders = orders.Where(o => o.CreatedAt <= until);
        }
        var totals = await orders.GroupBy(_ => 1).Select(g => new
        {
            Gmv = g.Sum(o => o.Original + o.Freight), Paid = g.Sum(o => o.Paid), Refunded = g.Sum(o => o.Refunded), Orders = g.Count(),
            Buyers = g.Select(o => o.BuyerId).Distinct().Count(),
        }).FirstOrDefaultAsync(ct);
        var recent = await orders.OrderByDescending(o => o.Id).Take(20)
            .Select(o => new LiveOrder(o.Id, o.Original + o.Freight, o.Paid, o.PaidAt!.Value)).ToListAsync(ct);
        return totals is null
            ? new LiveSales(0, 0, 0, 0, 0, [])
            : new LiveSales(totals.Gmv, totals.Paid, totals.Refunded, totals.Orders, totals.Buyers, recent);
    }

    private async Task<ContentItem> OwnLiveAsync(Guid contentId, Guid authorId, CancellationToken ct)
    {
        var content = await contents.GetOwnAsync(contentId, authorId, ct);
        RequireLive(content);
        return content;
    }

    private static void RequireLive(ContentItem content)
    {
        if (content.Kind != ContentKind.Live) throw new SprigException(409, "not_live", "This content is not a live session.");
    }

    private async Task<ContentItem> FreshAsync(Guid contentId, CancellationToken ct) =>
        await db.ContentItems.AsNoTracking().Include(c => c.Cards).FirstAsync(c => c.Id == contentId, ct);

    private static string Wire<T>(T value) => value?.ToString() is { Length: > 0 } s ? char.ToLowerInvariant(s[0]) + s[1..] : "unknown";
}
