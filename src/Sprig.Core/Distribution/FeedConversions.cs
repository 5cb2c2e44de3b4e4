using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Ordering;

namespace Sprig.Distribution;

/// <summary>
/// Paid orders credit the item that brought them (the impression's item, else the content named on the order): its
/// orders and GMV (original + freight, DOMAIN.md), which its CVR, its GPM and its pool review read. Called by payment
/// capture inside the batch that marks the orders paid, so a conversion is counted exactly when the payment is.
/// </summary>
public static class FeedConversions
{
    public static async Task RecordAsync(SprigDb db, IReadOnlyCollection<Order> paid, CancellationToken ct)
    {
        var attributed = paid.Where(o => o.ImpressionId is not null || o.ContentId is not null).ToList();
        if (attributed.Count == 0) return;
        var impressionIds = attributed.Select(o => Guid.TryParse(o.ImpressionId, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToArray();
        var items = (await ImpressionLog.FindAsync(db, impressionIds, ct)).ToDictionary(i => i.Key, i => i.Value.ItemId);

        var deltas = new Dictionary<Guid, CounterDelta>();
        foreach (var o in attributed)
        {
            Guid? item = Guid.TryParse(o.ImpressionId, out var imp) && items.TryGetValue(imp, out var shown) ? shown
                : Guid.TryParse(o.ContentId, out var content) ? content : null;
            if (item is { } id) deltas[id] = deltas.GetValueOrDefault(id) + new CounterDelta { Orders = 1, Gmv = o.Original + o.Freight };
        }
        await FeedCounters.BumpAsync(db, deltas, ct);
    }
}
