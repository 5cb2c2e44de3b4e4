using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Sprig.Data;

namespace Sprig.Distribution;

/// <summary>
/// What happened to one item since the last write: the counters move by these. <see cref="PoolServed"/> is what its
/// pool's budget served (written with the impressions' log, so budgets are exact); <see cref="Impressions"/> the lifetime
/// count (written from the node's <see cref="ImpressionTally"/>, up to a second later).
/// </summary>
public record struct CounterDelta(long Impressions, long Clicks, long Watches, long Completions, long Likes, long Shares, long Orders, long Gmv, long PoolServed)
{
    public static CounterDelta operator +(CounterDelta a, CounterDelta b) => new(a.Impressions + b.Impressions, a.Clicks + b.Clicks,
        a.Watches + b.Watches, a.Completions + b.Completions, a.Likes + b.Likes, a.Shares + b.Shares, a.Orders + b.Orders, a.Gmv + b.Gmv,
        a.PoolServed + b.PoolServed);
}

/// <summary>
/// Moves many items' counters at once: lifetime and current-pool counters by their deltas (increments in SQL, so two
/// writers never lose each other's counts), pool impressions toward the budget (an item whose budget is served is
/// marked for review, by a statement of its own: naming ReviewDue in every row's SET made SQLite rewrite that index entry
/// too, doubling the pages each batch wrote), and each touched item's score from the counters the update returned (when it moved enough to matter). On PostgreSQL the rows are
/// locked in id order first, so two nodes' writers never deadlock, and the update is one statement over arrays; on
/// SQLite (one writer at a time) one prepared statement per item.
/// </summary>
public static class FeedCounters
{
    private const string Set = """
        "Impressions" = "Impressions" + {0},
        "PoolServed" = CASE WHEN "PoolLevel" >= 0 THEN "PoolServed" + {8} ELSE "PoolServed" END,
        "Clicks" = "Clicks" + {1}, "TierClicks" = "TierClicks" + {1},
        "Watches" = "Watches" + {2}, "TierWatches" = "TierWatches" + {2},
        "Completions" = "Completions" + {3}, "TierCompletions" = "TierCompletions" + {3},
        "Likes" = "Likes" + {4}, "TierLikes" = "TierLikes" + {4},
        "Shares" = "Shares" + {5}, "TierShares" = "TierShares" + {5},
        "Orders" = "Orders" + {6}, "TierOrders" = "TierOrders" + {6},
        "Gmv" = "Gmv" + {7}, "TierGmv" = "TierGmv" + {7}
        """;

    private const string Returning = """
        RETURNING "Id", "Impressions", "Clicks", "Watches", "Completions", "Likes", "Shares", "Orders", "Gmv", "Score",
            "PoolLevel" >= 0 AND "PoolServed" >= "PoolBudget" AND NOT "ReviewDue"
        """;

    /// <summary>
    /// A score is written back only when it moved by more than this share: one impression moves a fresh item's score by
    /// at most 0.5% (the prior is worth 200), and the page's order does not turn on a finer difference. Score is in five
    /// of the items' indexes, so rewriting it for every impression of every page was the feed's largest write.
    /// </summary>
    public const double RescoreAt = 0.01;

    /// <param name="locked">The caller already holds the rows' locks (taken in id order).</param>
    public static async Task BumpAsync(SprigDb db, IReadOnlyDictionary<Guid, CounterDelta> deltas, CancellationToken ct, bool locked = false)
    {
        if (deltas.Count == 0) return;
        // always inside a transaction: the caller's, or one of our own. Never a connection opened by hand: on SQLite the
        // write gate is released when a transaction ends or its connection closes, and a hand-opened connection outlives both
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await BumpInTransactionAsync(db, deltas, locked, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static async Task BumpInTransactionAsync(SprigDb db, IReadOnlyDictionary<Guid, CounterDelta> deltas, bool locked, CancellationToken ct)
    {
        var ids = deltas.Keys.Order().ToArray();
        var scores = new List<(Guid Id, double Score)>(ids.Length);
        var due = new List<Guid>();

        if (db.IsPostgres)
        {
            if (!locked) await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "FeedItems" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""", ct);
            await using var cmd = PlainCommand.Create(db);
            var cols = new[] { "imp", "clk", "wat", "cmp", "lik", "shr", "ord", "gmv", "pol" };
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter("ids", ids));
            for (var c = 0; c < cols.Length; c++)
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter(cols[c], ids.Select(id => Field(deltas[id], c)).ToArray()));
            cmd.CommandText = $"""
                UPDATE "FeedItems" SET {string.Format(Set, [.. cols.Select(c => $"s.{c}")])}
                FROM unnest(@ids, @imp, @clk, @wat, @cmp, @lik, @shr, @ord, @gmv, @pol) AS s(id, imp, clk, wat, cmp, lik, shr, ord, gmv, pol)
                WHERE "FeedItems"."Id" = s.id
                {Returning}
                """;
            await ReadScoresAsync(cmd, scores, due, ct);
            await MarkDueAsync(db, due, ct);
            if (scores.Count == 0) return;
            await using var score = PlainCommand.Create(db);
            score.Parameters.Add(new Npgsql.NpgsqlParameter("ids", scores.Select(s => s.Id).ToArray()));
            score.Parameters.Add(new Npgsql.NpgsqlParameter("scores", scores.Select(s => s.Score).ToArray()));
            score.CommandText = """UPDATE "FeedItems" SET "Score" = s.score FROM unnest(@ids, @scores) AS s(id, score) WHERE "FeedItems"."Id" = s.id""";
            await score.ExecuteNonQueryAsync(ct);
            return;
        }

        var guid = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(Guid))!;
        await using (var cmd = PlainCommand.Create(db))
        {
            var id = guid.CreateParameter(cmd, "@id", null);
            cmd.Parameters.Add(id);
            var values = Enumerable.Range(0, Fields).Select(i => cmd.CreateParameter()).ToArray();
            for (var i = 0; i < values.Length; i++) { values[i].ParameterName = $"@v{i}"; cmd.Parameters.Add(values[i]); }
            cmd.CommandText = $"""UPDATE "FeedItems" SET {string.Format(Set, [.. values.Select(v => v.ParameterName)])} WHERE "Id" = @id {Returning}""";
            await cmd.PrepareAsync(ct);
            foreach (var itemId in ids)
            {
                id.Value = guid.Converter?.ConvertToProvider(itemId) ?? itemId;
                for (var i = 0; i < values.Length; i++) values[i].Value = Field(deltas[itemId], i);
                await ReadScoresAsync(cmd, scores, due, ct);
            }
        }
        await MarkDueAsync(db, due, ct);
        await using (var cmd = PlainCommand.Create(db))
        {
            var id = guid.CreateParameter(cmd, "@id", null);
            cmd.Parameters.Add(id);
            var value = cmd.CreateParameter();
            value.ParameterName = "@score";
            cmd.Parameters.Add(value);
            cmd.CommandText = """UPDATE "FeedItems" SET "Score" = @score WHERE "Id" = @id""";
            await cmd.PrepareAsync(ct);
            foreach (var (itemId, score) in scores)
            {
                id.Value = guid.Converter?.ConvertToProvider(itemId) ?? itemId;
                value.Value = score;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>Items whose pool budget this update served in full wait for review (and leave the pool lists).</summary>
    private static async Task MarkDueAsync(SprigDb db, List<Guid> due, CancellationToken ct)
    {
        if (due.Count == 0) return;
        var ids = due.ToArray();
        await db.FeedItems.Where(f => EF.Parameter(ids).Contains(f.Id)).ExecuteUpdateAsync(u => u.SetProperty(f => f.ReviewDue, true), ct);
    }

    private static async Task ReadScoresAsync(DbCommand cmd, List<(Guid, double)> scores, List<Guid> due, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetFieldValue<Guid>(0);
            var stats = new ItemStats(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8));
            var (now, was) = (Ranking.Score(stats), r.GetDouble(9));
            if (Math.Abs(now - was) > RescoreAt * Math.Abs(was)) scores.Add((id, now));
            if (r.GetBoolean(10)) due.Add(id);
        }
    }

    private const int Fields = 9;

    private static long Field(CounterDelta d, int i) => i switch
    {
        0 => d.Impressions, 1 => d.Clicks, 2 => d.Watches, 3 => d.Completions, 4 => d.Likes, 5 => d.Shares, 6 => d.Orders, 7 => d.Gmv, _ => d.PoolServed,
    };
}
