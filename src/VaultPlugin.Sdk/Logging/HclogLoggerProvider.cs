using Microsoft.Extensions.Logging;

namespace VaultPlugin.Sdk.Logging;

/// <summary>
/// Routes Microsoft.Extensions.Logging (Kestrel, gRPC) into hclog JSON lines, so nothing a framework logs can
/// reach stdout, where the host expects only the handshake line.
/// </summary>
internal sealed class HclogLoggerProvider(HclogWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new HclogLogger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class HclogLogger(HclogWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => writer.IsEnabled(Map(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Map(logLevel);
            if (!writer.IsEnabled(level))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is null)
            {
                writer.Write(level, category, message);
                return;
            }

            writer.Write(level, category, message, [new("error", HclogWriter.Describe(exception))]);
        }

        private static HclogLevel Map(LogLevel level) => level switch
        {
            LogLevel.Trace => HclogLevel.Trace,
            LogLevel.Debug => HclogLevel.Debug,
            LogLevel.Information => HclogLevel.Info,
            LogLevel.Warning => HclogLevel.Warn,
            LogLevel.Error or LogLevel.Critical => HclogLevel.Error,
            _ => HclogLevel.Off,
        };
    }
}
