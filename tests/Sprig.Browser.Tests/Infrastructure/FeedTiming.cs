namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>The feed's first-page render times the tests measured, written beside the test output for docs/benchmarks.md.</summary>
public static class FeedTiming
{
    private static readonly Lock Gate = new();

    /// <summary>What fails a test: three times the 1 s target, far enough above it that a loaded shared machine does not.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(3);

    public static void Record(string what, TimeSpan elapsed)
    {
        lock (Gate)
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "feed-timings.txt"),
                $"{DateTimeOffset.UtcNow:O}\t{what}\t{elapsed.TotalMilliseconds:0}\n");
    }
}
