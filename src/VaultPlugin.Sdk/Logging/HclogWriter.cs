using System.Text.Json;

namespace VaultPlugin.Sdk.Logging;

/// <summary>
/// Writes hclog-compatible JSON lines (<c>@level</c>, <c>@message</c>, <c>@timestamp</c> with six fraction
/// digits, <c>@module</c>, then string fields) to stderr, which go-plugin relays into Vault's log. Every value is a
/// string: the host's reader asserts types without checking.
/// </summary>
public sealed class HclogWriter
{
    private readonly Stream _output;
    private readonly Lock _gate = new();

    public HclogWriter(Stream output, HclogLevel minimum)
    {
        _output = output;
        Minimum = minimum;
    }

    public HclogLevel Minimum { get; }

    public bool IsEnabled(HclogLevel level) => level >= Minimum && level != HclogLevel.Off;

    public void Write(HclogLevel level, string module, string message, ReadOnlySpan<KeyValuePair<string, string?>> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@level", HclogLevels.Name(level));
            json.WriteString("@message", message);
            json.WriteString("@timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("@module", module);
            foreach (var (key, value) in fields)
            {
                if (key.StartsWith('@'))
                {
                    continue;
                }

                json.WriteString(key, value ?? "");
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            _output.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _output.Flush();
        }
    }

    public void Write(HclogLevel level, string module, string message) => Write(level, module, message, []);

    /// <summary>A writer that drops everything (tests, metadata probes that must stay quiet).</summary>
    public static HclogWriter Null { get; } = new(Stream.Null, HclogLevel.Off);

    public static HclogWriter ToStderr(HclogLevel minimum) => new(Console.OpenStandardError(), minimum);

    internal static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
