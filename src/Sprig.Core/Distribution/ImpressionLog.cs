using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>Impressions by id, read from their pages' rows (<see cref="ServedPage"/>): attribution, client events, conversions, analytics.</summary>
public static class ImpressionLog
{
    /// <summary>The logged impressions among <paramref name="ids"/>; an id no page logged is left out.</summary>
    public static async Task<Dictionary<Guid, Impression>> FindAsync(SprigDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Select(id => (Id: id, Page: ServedPage.PageOf(id, out var slot), Slot: slot)).ToList();
        var pageIds = wanted.Select(w => w.Page).Distinct().ToArray();
        var found = new Dictionary<Guid, Impression>();
        if (pageIds.Length == 0) return found;
        var pages = await db.ServedPages.AsNoTracking().Where(p => EF.Parameter(pageIds).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var (id, page, slot) in wanted)
            if (pages.TryGetValue(page, out var p) && p.At(slot) is { } shown) found[id] = shown;
        return found;
    }

    /// <summary>The impression, if it was logged and shown to <paramref name="buyerId"/>.</summary>
    public static async Task<Impression?> FindAsync(SprigDb db, Guid impressionId, Guid buyerId, CancellationToken ct)
    {
        var pageId = ServedPage.PageOf(impressionId, out var slot);
        var page = await db.ServedPages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pageId && p.BuyerId == buyerId, ct);
        return page?.At(slot);
    }
}
