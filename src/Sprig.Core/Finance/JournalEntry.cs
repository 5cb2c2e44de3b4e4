using Sprig.Kernel;

namespace Sprig.Finance;

/// <summary>One line of a journal entry: an amount (debit positive, credit negative) on one account of one owner.</summary>
public sealed class JournalLine
{
    public Guid Id { get; init; }
    public Guid EntryId { get; init; }
    public LedgerAccount Account { get; init; }
    /// <summary>The shop or creator the account belongs to; <see cref="Guid.Empty"/> for platform accounts.</summary>
    public Guid OwnerId { get; init; }
    public long Amount { get; init; }
    // copied from the entry so a statement is one indexed read
    public EntryKind Kind { get; init; }
    public Guid? OrderId { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>
/// A movement of money: lines that sum to zero. Append-only: a correction is a new entry. Its
/// <see cref="Key"/> is unique, so the same business event (an order's settlement, a refund) can be
/// posted only once, whatever node tries.
/// </summary>
public sealed class JournalEntry
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public EntryKind Kind { get; init; }
    public Guid? OrderId { get; init; }
    public DateTimeOffset At { get; init; }
    public string? Memo { get; init; }
    public List<JournalLine> Lines { get; init; } = [];

    public static JournalEntry Create(string key, EntryKind kind, Guid? orderId, DateTimeOffset at, string? memo,
        params (LedgerAccount Account, Guid Owner, long Amount)[] lines)
    {
        var entry = new JournalEntry { Id = Ids.New(), Key = key, Kind = kind, OrderId = orderId, At = at, Memo = memo };
        foreach (var (account, owner, amount) in lines)
        {
            if (amount == 0) continue;
            entry.Lines.Add(new JournalLine
            {
                Id = Ids.New(), EntryId = entry.Id, Account = account, OwnerId = owner, Amount = amount, Kind = kind, OrderId = orderId, At = at,
            });
        }
        var sum = entry.Lines.Sum(l => l.Amount);
        if (sum != 0) throw new InvalidOperationException($"Journal entry {key} does not balance: its lines sum to {sum}.");
        return entry;
    }
}

/// <summary>An account's running balance (debit positive), kept beside the ledger in the same transaction as each posting.</summary>
public sealed class AccountBalance
{
    public LedgerAccount Account { get; init; }
    public Guid OwnerId { get; init; }
    public long Amount { get; set; }
}
