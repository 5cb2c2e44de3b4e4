using Sprig.Ordering;

namespace Sprig.Server.Jobs;

/// <summary>Runs the order timers and the traffic-pool review every few seconds on every node; each makes that safe itself.</summary>
public sealed class TimersJob(OrderTimers timers, Sprig.Distribution.PoolReview pools, ILogger<TimersJob> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(Every);
        while (await tick.WaitForNextTickAsync(stop))
        {
            try
            {
                await timers.RunDueAsync(stop);
                await pools.RunAsync(stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogError(ex, "Order timers failed; trying again in {Seconds} s", Every.TotalSeconds);
            }
        }
    }
}
