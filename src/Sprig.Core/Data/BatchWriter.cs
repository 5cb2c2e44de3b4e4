using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sprig.Data;

/// <summary>How many writers a batch writer runs on this node, and how much each takes at once.</summary>
public class BatchOptions
{
    /// <summary>Concurrent writers; 0 picks the default for the database (SQLite lets one writer in at a time anyway).</summary>
    public int Writers { get; set; }
    public int MaxBatch { get; set; } = 512;
}

/// <summary>
/// The pattern of the hot write paths (checkout, payment capture): requests queue up on this node, and a
/// writer takes everything queued (up to <see cref="BatchOptions.MaxBatch"/>) and handles it in one
/// transaction, answering each caller only after the commit. Under load, batches grow by themselves; idle,
/// a request is a batch of one. If a batch fails as a whole, its items are handled again one at a time, so one
/// bad request never fails its neighbours; those it answered before it failed were committed, and are not.
/// </summary>
public abstract class BatchWriter<TItem, TResult>(int writers, int maxBatch, ILogger log) : BackgroundService
{
    public sealed class Pending(TItem item)
    {
        private readonly TaskCompletionSource<TResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TItem Item { get; } = item;
        public Task<TResult> Task => _done.Task;
        public void Complete(TResult result) => _done.TrySetResult(result);
        public void Fail(Exception error) => _done.TrySetException(error);
        public void Cancel() => _done.TrySetCanceled(CancellationToken.None);
    }

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an item and waits for its batch to commit. Once queued it is handled even if the caller goes away.</summary>
    protected async Task<TResult> EnqueueAsync(TItem item, CancellationToken ct)
    {
        var pending = new Pending(item);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Task;
    }

    /// <summary>Handles a batch in one transaction and completes or fails each item after the commit; throws to have the items retried alone.</summary>
    protected abstract Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken stop);

    /// <summary>One item in its own transaction, after its batch failed.</summary>
    protected virtual async Task WriteAloneAsync(Pending pending, CancellationToken stop)
    {
        try { await WriteAsync([pending], stop); }
        catch (Exception ex) { pending.Fail(ex); }
    }

    protected override Task ExecuteAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, writers)).Select(_ => Task.Run(() => WriterLoopAsync(stop), stop)));

    private async Task WriterLoopAsync(CancellationToken stop)
    {
        var batch = new List<Pending>(maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                batch.Clear();
                while (batch.Count < maxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
                try
                {
                    await WriteAsync(batch, stop);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    // an item already answered was committed (a batch answers after its commit, so what failed came after):
                    // handled again it would be written twice
                    var unanswered = batch.Where(p => !p.Task.IsCompleted).ToList();
                    if (unanswered.Count < batch.Count)
                        log.LogWarning(ex, "A batch of {Count} failed after answering {Answered} of its items; handling the other {Unanswered} one at a time",
                            batch.Count, batch.Count - unanswered.Count, unanswered.Count);
                    else if (batch.Count > 1) log.LogInformation(ex, "A batch of {Count} failed; handling its items one at a time", batch.Count);
                    foreach (var p in unanswered) await WriteAloneAsync(p, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            // the batch a stop interrupted is answered too (those already answered keep their answer), then what is still queued
            foreach (var p in batch) p.Cancel();
            while (_queue.Reader.TryRead(out var left)) left.Cancel();
        }
    }
}
