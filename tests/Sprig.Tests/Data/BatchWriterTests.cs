using Microsoft.Extensions.Logging.Abstractions;
using Sprig.Data;

namespace Sprig.Tests.Data;

/// <summary>What a batch writer does when a batch fails: its unanswered items are handled again alone, its answered ones are not.</summary>
public sealed class BatchWriterTests
{
    /// <summary>
    /// Writes a batch (counting each item written), answers every item, then fails when asked: the failure of work after
    /// a commit (closing a connection, resetting a setting) must not write the batch's items a second time.
    /// </summary>
    private sealed class Counting(Func<IReadOnlyList<BatchWriter<int, int>.Pending>, bool> failAfterAnswering, Func<IReadOnlyList<BatchWriter<int, int>.Pending>, bool> failBefore)
        : BatchWriter<int, int>(writers: 1, maxBatch: 100, NullLogger.Instance)
    {
        private readonly Lock _gate = new();
        public Dictionary<int, int> Written { get; } = [];
        public Task<int> AddAsync(int item) => EnqueueAsync(item, default);

        protected override async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken stop)
        {
            await Task.Yield();
            if (failBefore(batch)) throw new InvalidOperationException("refused before the commit");
            lock (_gate) foreach (var p in batch) Written[p.Item] = Written.GetValueOrDefault(p.Item) + 1;
            foreach (var p in batch) p.Complete(p.Item * 10);
            if (failAfterAnswering(batch)) throw new InvalidOperationException("failed after the commit");
        }
    }

    [Fact]
    public async Task ABatchThatFailsAfterAnsweringItsItems_WritesNoneOfThemAgain()
    {
        using var writer = new Counting(failAfterAnswering: _ => true, failBefore: _ => false);
        await writer.StartAsync(default);

        var answers = await Task.WhenAll(Enumerable.Range(1, 50).Select(writer.AddAsync));
        await writer.StopAsync(default);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => i * 10), answers);
        Assert.Equal(50, writer.Written.Count);
        Assert.All(writer.Written, w => Assert.Equal(1, w.Value));
    }

    [Fact]
    public async Task ABatchThatFailsBeforeAnswering_HandlesEachItemAlone_AndFailsOnlyTheBadOne()
    {
        // a batch holding item 7 fails before its commit; alone, every other item succeeds
        using var writer = new Counting(failAfterAnswering: _ => false, failBefore: b => b.Any(p => p.Item == 7));
        await writer.StartAsync(default);

        var tasks = Enumerable.Range(1, 20).Select(writer.AddAsync).ToList();
        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[6]);
        var others = await Task.WhenAll(tasks.Where((_, i) => i != 6));
        await writer.StopAsync(default);

        Assert.Equal(Enumerable.Range(1, 20).Where(i => i != 7).Select(i => i * 10), others);
        Assert.False(writer.Written.ContainsKey(7));
        Assert.All(writer.Written, w => Assert.Equal(1, w.Value));
    }
}
