using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Sprig.Data;

/// <summary>
/// Statements of a hot path sent together (inside the context's transaction if it has one), in the order they were added:
/// one round trip on PostgreSQL (an <see cref="NpgsqlBatch"/>), one after another on SQLite (in process: there
/// is no trip to save). The checkout batch talks to the database while it holds its hot SKUs' locks, so on
/// PostgreSQL every round trip it saves is time the next batch no longer waits.
/// Queries are LINQ, so they keep the model's mapping and each provider's SQL; each is read back by its caller
/// row by row, columns in the order of its projection (project plain columns, none twice). A query's rows and a
/// statement's count are handed over as the batch runs; use what they fill only after <see cref="RunAsync"/>.
/// </summary>
public sealed class StatementBatch(SprigDb db)
{
    private sealed record Step(DbCommand? Command, Func<CancellationToken, Task<int>>? Run, Action<DbDataReader>? Row, Action<int>? Done)
    {
        public bool Reads => Row is not null;
    }

    private readonly List<Step> _steps = [];

    /// <summary>A query; <paramref name="row"/> reads each of its rows.</summary>
    public void Query<T>(IQueryable<T> query, Action<DbDataReader> row) => _steps.Add(new(query.CreateDbCommand(), null, row, null));

    /// <summary>A statement that returns rows, given as SQL with its values as parameters (a lock: <c>SELECT ... FOR UPDATE</c>).</summary>
    public void Query(FormattableString sql, Action<DbDataReader> row) => _steps.Add(new(Command(sql), null, row, null));

    /// <summary>A statement that returns no rows; <paramref name="done"/> hears how many rows it changed.</summary>
    public void Execute(FormattableString sql, Action<int>? done = null) => _steps.Add(new(Command(sql), null, null, done));

    /// <summary>One statement over many rows, as <see cref="BulkInsert.ApplyAsync{T}"/> runs it; <paramref name="done"/> hears how many rows it changed.</summary>
    public void Apply<T>(IReadOnlyList<T> rows, Func<string, string> statement, Action<int>? done = null) where T : class
    {
        if (rows.Count == 0) return;
        _steps.Add(db.IsPostgres
            ? new(BulkInsert.UnnestCommand(db, rows, statement), null, null, done)
            : new(null, ct => BulkInsert.ApplyAsync(db, rows, statement, ct), null, done));
    }

    public async Task RunAsync(CancellationToken ct)
    {
        if (_steps.Count == 0) return;
        // reads may run outside a transaction (a quote); EF opens the connection for them as for its own queries
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (connection is NpgsqlConnection npgsql) await RunBatchAsync(npgsql, (NpgsqlTransaction?)transaction, ct);
            else await RunEachAsync(transaction, ct);
        }
        finally
        {
            foreach (var step in _steps) step.Command?.Dispose();
            _steps.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task RunBatchAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var step in _steps)
        {
            var command = new NpgsqlBatchCommand(step.Command!.CommandText);
            foreach (NpgsqlParameter p in step.Command.Parameters) command.Parameters.Add(p.Clone());
            batch.BatchCommands.Add(command);
        }
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // the reader shows one result per statement that returns rows, in order; the others only count rows
            var first = true;
            foreach (var step in _steps.Where(s => s.Reads))
            {
                if (!first && !await reader.NextResultAsync(ct)) throw new InvalidOperationException("A query of the batch returned no result.");
                first = false;
                while (await reader.ReadAsync(ct)) step.Row!(reader);
            }
            while (await reader.NextResultAsync(ct)) { }
        }
        for (var i = 0; i < _steps.Count; i++) _steps[i].Done?.Invoke(batch.BatchCommands[i].RecordsAffected);
    }

    private async Task RunEachAsync(DbTransaction? transaction, CancellationToken ct)
    {
        foreach (var step in _steps)
        {
            if (step.Run is not null)
            {
                var changed = await step.Run(ct);
                step.Done?.Invoke(changed);
                continue;
            }
            var command = step.Command!;
            command.Transaction = transaction;
            if (step.Row is { } row)
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) row(reader);
            }
            else
            {
                var changed = await command.ExecuteNonQueryAsync(ct);
                step.Done?.Invoke(changed);
            }
        }
    }

    // values become parameters made by the model's type mappings: the provider's storage type (a Guid as TEXT on SQLite ...)
    private DbCommand Command(FormattableString sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var names = new object[sql.ArgumentCount];
        for (var i = 0; i < names.Length; i++)
        {
            var value = sql.GetArgument(i) ?? throw new ArgumentException("A batched statement takes no null values.", nameof(sql));
            var mapping = mappings.FindMapping(value.GetType()) ?? throw new ArgumentException($"No mapping for {value.GetType()}.", nameof(sql));
            command.Parameters.Add(mapping.CreateParameter(command, $"@b{i}", value));
            names[i] = $"@b{i}";
        }
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql.Format, names);
        return command;
    }
}
