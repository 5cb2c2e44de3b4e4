using Microsoft.Extensions.Logging;

namespace Sprig.Tests.Infrastructure;

/// <summary>Appends the host's errors (with exceptions) to a file, for reading after a test that got a 500.</summary>
public sealed class ErrorFileLogger(string path) : ILoggerProvider, ILogger
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        lock (Gate) File.AppendAllText(path, $"{DateTime.UtcNow:O} {formatter(state, exception)}\n{exception}\n\n");
    }

    public void Dispose()
    {
    }
}
