using Sprig.Data;
using Sprig.Distribution;
using Sprig.Finance;
using Sprig.Kernel;

namespace Sprig.Analytics;

/// <summary>
/// How the modules record facts (the outbox's writing side). Money facts come from the ledger itself: every journal
/// entry that pays, refunds, draws a subsidy or charges a fee yields a fact keyed by the entry's own unique key, so
/// analytics' money reconciles with the ledger by construction. The rest are written where they happen.
/// </summary>
public static class Facts
{
    public static Fact New(string key, FactKind kind, DateTimeOffset at, Guid? shopId = null, Guid? buyerId = null, Guid? itemId = null,
        TrafficSource? source = null, int count = 1, long amount = 0) => new()
    {
        Key = key, Kind = kind, At = at, ShopId = shopId, BuyerId = buyerId, ItemId = itemId, Source = source, Count = count, Amount = amount,
    };

    public static Fact Placed(Ordering.Order o, DateTimeOffset at) =>
        new() { Key = "placed:" + o.Id, Kind = FactKind.OrderPlaced, At = at, OrderId = o.Id, ShopId = o.ShopId, BuyerId = o.BuyerId };

    /// <summary>Inside the caller's transaction, by bulk insert.</summary>
    public static Task AddAsync(SprigDb db, IReadOnlyList<Fact> facts, CancellationToken ct) => BulkInsert.InsertAsync(db, facts, ct);

    /// <summary>The money facts of journal entries (keys "fact:" + the entry's key).</summary>
    public static List<Fact> OfEntries(IEnumerable<JournalEntry> entries)
    {
        var facts = new List<Fact>();
        foreach (var e in entries)
        {
            if (e.OrderId is not { } orderId) continue;
            long On(LedgerAccount account) => e.Lines.Where(l => l.Account == account).Sum(l => l.Amount);
            Guid? Shop() => e.Lines.FirstOrDefault(l => l.Account is LedgerAccount.MerchantPending or LedgerAccount.MerchantAvailable)?.OwnerId;
            FactKind? kind = e.Kind switch
            {
                // a payment held for a shop is a sale; one handed straight back (order no longer payable) is not
                EntryKind.OrderPayment when e.Lines.Any(l => l.Account == LedgerAccount.MerchantPending) => FactKind.OrderPaid,
                EntryKind.Refund or EntryKind.Clawback => FactKind.Refunded,
                EntryKind.Subsidy or EntryKind.SubsidyClawback => FactKind.Subsidy,
                EntryKind.Fee => FactKind.Fee,
                _ => null,
            };
            var amount = kind switch
            {
                FactKind.OrderPaid => On(LedgerAccount.PlatformClearing),
                FactKind.Refunded => -On(LedgerAccount.Refunds),
                FactKind.Subsidy => On(LedgerAccount.PlatformSubsidyExpense),
                FactKind.Fee => -On(LedgerAccount.PlatformFeeRevenue),
                _ => 0,
            };
            if (kind is null || amount == 0) continue;
            facts.Add(new Fact { Key = "fact:" + e.Key, Kind = kind.Value, At = e.At, OrderId = orderId, ShopId = Shop(), Amount = amount });
        }
        return facts;
    }
}
