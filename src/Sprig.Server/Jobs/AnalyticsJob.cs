using Sprig.Analytics;

namespace Sprig.Server.Jobs;

/// <summary>Folds waiting facts into the rollups every second on every node (the dispatcher makes that safe).</summary>
public sealed class AnalyticsJob(FactDispatcher dispatcher, ILogger<AnalyticsJob> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(Every);
        while (await tick.WaitForNextTickAsync(stop))
        {
            try
            {
                await dispatcher.RunAsync(stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogError(ex, "Analytics dispatch failed; trying again in {Seconds} s", Every.TotalSeconds);
            }
        }
    }
}
