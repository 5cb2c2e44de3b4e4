using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sprig.Kernel;

namespace Sprig.Distribution;

/// <summary>
/// How many feeds a node assembles at once, and how many may wait for a turn; one past that is told to come back
/// (503 <c>feed_busy</c> with Retry-After) instead of taken on. A feed costs more CPU the more feeds are in flight
/// (presumably each holding a connection whose page cache is cold), so a node that took every request fell behind once
/// the offered rate passed what it could serve, and did not recover: 97-412 feeds/s served at 500 offered, with thousands
/// in flight (docs/benchmarks.md). Waiting feeds hold nothing but their place in the queue, oldest first.
/// </summary>
public sealed class FeedAdmission(IOptions<DistributionOptions> options) : IDisposable
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.FeedsAtOnce > 0 ? options.Value.FeedsAtOnce : 16 * Environment.ProcessorCount,
        QueueLimit = Math.Max(0, options.Value.FeedsWaiting),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A turn to assemble one feed, waited for in the queue; dispose it when the feed is served.</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken ct)
    {
        var lease = await _limiter.AcquireAsync(1, ct);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new SprigException(503, "feed_busy", "This node is serving as many feeds as it can; try again in a moment.") { RetryAfter = RetryAfter };
    }

    /// <summary>Feeds being assembled and feeds waiting, now.</summary>
    public (long Free, long Waiting) Load => _limiter.GetStatistics() is { } s ? (s.CurrentAvailablePermits, s.CurrentQueuedCount) : (0, 0);

    public void Dispose() => _limiter.Dispose();
}
