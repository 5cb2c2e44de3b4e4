using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Finance;

/// <summary>
/// Posts journal entries inside the caller's transaction and keeps the running balances beside them.
/// The ledger is the truth; balances are its sums, kept so a withdrawal can check and draw the available
/// balance in one conditional statement.
/// </summary>
public static class Ledger
{
    /// <summary>Posts entries (new keys only: a key posted before makes the transaction fail) and moves the balances.</summary>
    public static async Task PostAsync(SprigDb db, IReadOnlyList<JournalEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Post inside the caller's transaction.");
        await BulkInsert.InsertAsync(db, entries, ct);
        await BulkInsert.InsertAsync(db, entries.SelectMany(e => e.Lines).ToList(), ct);
        // every payment, refund, subsidy and fee is an analytics fact too, in the same transaction (the outbox)
        await Analytics.Facts.AddAsync(db, Analytics.Facts.OfEntries(entries), ct);
        foreach (var g in entries.SelectMany(e => e.Lines).GroupBy(l => (l.Account, l.OwnerId)))
        {
            var (account, owner) = g.Key;
            var delta = g.Sum(l => l.Amount);
            if (delta == 0) continue;
            // one statement that creates or moves the balance: safe with two nodes posting to the same account.
            // SQLite keeps Guids as upper-case text (EF's mapping); a raw Guid parameter would bind as a blob
            object ownerValue = db.IsPostgres ? owner : owner.ToString().ToUpperInvariant();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "AccountBalances" ("Account", "OwnerId", "Amount") VALUES ({account.ToString()}, {ownerValue}, {delta})
                ON CONFLICT ("Account", "OwnerId") DO UPDATE SET "Amount" = "AccountBalances"."Amount" + excluded."Amount"
                """, ct);
        }
    }

    /// <summary>
    /// What the platform owes an owner on a credit-balance account, with the balance row locked until the
    /// transaction ends (on SQLite the transaction already holds the write lock), so a check and the posting
    /// that follows it cannot be raced by another withdrawal.
    /// </summary>
    public static async Task<long> LockOwedAsync(SprigDb db, LedgerAccount account, Guid owner, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            var name = account.ToString();
            var locked = await db.Database.SqlQuery<long>(
                $"""SELECT "Amount" AS "Value" FROM "AccountBalances" WHERE "Account" = {name} AND "OwnerId" = {owner} FOR UPDATE""").ToListAsync(ct);
            return locked.Count == 0 ? 0 : -locked[0];
        }
        return await OwedAsync(db, account, owner, ct);
    }

    /// <summary>What the platform owes an owner on a credit-balance account (positive when it owes).</summary>
    public static async Task<long> OwedAsync(SprigDb db, LedgerAccount account, Guid owner, CancellationToken ct) =>
        -await db.AccountBalances.Where(b => b.Account == account && b.OwnerId == owner).Select(b => b.Amount).FirstOrDefaultAsync(ct);

    public static string Key(string what, Guid id) => $"{what}:{id}";
}
