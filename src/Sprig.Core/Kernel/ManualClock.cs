namespace Sprig.Kernel;

/// <summary>A clock that only moves when told to: for tests and demos (<c>--manual-clock</c>).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        return new(Interlocked.Add(ref _ticks, by.Ticks), TimeSpan.Zero);
    }
}
