using System.Diagnostics;

namespace Sprig.Bench;

/// <summary>
/// CPU over a measured window: the bench process's own (app and load generator, milliseconds) and the machine's
/// busy share from /proc/stat (a database server's CPU included). Throughput on two shared cores is noisy from run to
/// run; CPU per request moves less, so it shows what a change saved.
/// </summary>
public sealed class CpuUse
{
    private readonly TimeSpan _process = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly (long Busy, long All)? _machine = Machine();
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly int _gen2 = GC.CollectionCount(2);

    public static CpuUse Start() => new();

    /// <returns>The process's CPU milliseconds since the start, the machine's busy share (NaN where /proc/stat is missing),
    /// the time the runtime paused the process to collect garbage, and its full collections.</returns>
    public (double ProcessMs, double Busy, double GcPausedMs, int Gen2) Stop()
    {
        var process = (Process.GetCurrentProcess().TotalProcessorTime - _process).TotalMilliseconds;
        var now = Machine();
        var busy = now is { } n && _machine is { } m && n.All > m.All ? (double)(n.Busy - m.Busy) / (n.All - m.All) : double.NaN;
        return (process, busy, (GC.GetTotalPauseDuration() - _paused).TotalMilliseconds, GC.CollectionCount(2) - _gen2);
    }

    /// <summary>The first line of /proc/stat: user nice system idle iowait irq softirq steal; idle and iowait are not busy.</summary>
    private static (long Busy, long All)? Machine()
    {
        if (!File.Exists("/proc/stat")) return null;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var all = fields.Sum();
        return (all - fields[3] - fields[4], all);
    }
}
