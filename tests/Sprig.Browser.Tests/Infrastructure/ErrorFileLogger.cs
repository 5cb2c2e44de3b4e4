using Microsoft.Extensions.Logging;

namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>Server-side errors in a file beside the test output: a page that broke tells more there than in the browser.</summary>
public sealed class ErrorFileLogger(string path) : ILoggerProvider, ILogger
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        lock (_gate) File.AppendAllText(path, $"{DateTimeOffset.UtcNow:O} {logLevel} {formatter(state, exception)}\n{exception}\n\n");
    }

    public void Dispose()
    {
    }
}
