using System.Diagnostics;

namespace Sprig.Bench;

/// <summary>Per-request latencies from many workers, and the run's throughput.</summary>
public sealed class Latencies
{
    private readonly List<double>[] _perWorker;
    private readonly Stopwatch _clock = new();
    public int Succeeded;
    public int Refused;
    public int Failed;

    public Latencies(int workers) => _perWorker = Enumerable.Range(0, workers).Select(_ => new List<double>(1024)).ToArray();

    public void Start() => _clock.Start();
    public void Stop() => _clock.Stop();
    public TimeSpan Elapsed => _clock.Elapsed;

    public void Record(int worker, long startTimestamp) =>
        _perWorker[worker].Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public double PerSecond => Succeeded / _clock.Elapsed.TotalSeconds;

    public double Percentile(double p) => Percentile(_perWorker.SelectMany(l => l), p);

    /// <summary>The nearest-rank percentile of some timings (NaN for none).</summary>
    public static double Percentile(IEnumerable<double> timings, double p)
    {
        var all = timings.Order().ToArray();
        if (all.Length == 0) return double.NaN;
        return all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
    }
}
