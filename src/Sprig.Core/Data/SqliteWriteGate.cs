using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sprig.Data;

/// <summary>
/// SQLite lets one writer in at a time, and a writer that finds the lock taken sleeps in growing steps
/// (milliseconds each) before it tries again. With several in-process writers (the checkout batcher, group
/// commit, a merchant's edit) those sleeps, not the work, set the pace. This gate makes every write
/// transaction of this process wait its turn on an in-process async lock instead, so the next writer starts
/// the moment the last one commits. The SQLite busy timeout still guards against other processes.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Holder> _held = new();

    private sealed class Holder
    {
        public int Held;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        _held.GetOrCreateValue(connection).Held = 1;
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        _gate.Wait();
        _held.GetOrCreateValue(connection).Held = 1;
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) { Release(eventData.Context?.Database.GetDbConnection()); return Task.CompletedTask; }
    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());
    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) { Release(eventData.Context?.Database.GetDbConnection()); return Task.CompletedTask; }
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) { if (eventData.Action is "Commit" or "Rollback") Release(eventData.Context?.Database.GetDbConnection()); }
    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken ct = default) { TransactionFailed(transaction, eventData); return Task.CompletedTask; }

    // a transaction disposed without commit or rollback (an exception on the way) ends when its connection closes
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    /// <summary>Holds the gate outside any transaction: no write transaction of this process starts until it is disposed.</summary>
    public IDisposable Hold(CancellationToken ct)
    {
        _gate.Wait(ct);
        return new Held(_gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    private void Release(DbConnection? connection)
    {
        if (connection is not null && _held.TryGetValue(connection, out var h) && Interlocked.Exchange(ref h.Held, 0) == 1)
            _gate.Release();
    }
}
