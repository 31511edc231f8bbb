using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CredentialConnect.ConnectorTests.Http;

/// <summary>A logger provider that keeps every warning and error written, as "Level: message".</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Warnings.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
