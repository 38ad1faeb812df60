using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Logging;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// A plugin served in this process by <see cref="PluginServer.ServeAsync"/> with a given environment, its handshake
/// line read from a pipe the way the host reads the plugin's stdout.
/// </summary>
internal sealed class InProcessPlugin : IAsyncDisposable
{
    public static readonly SpecialPathSet SpecialPaths = new(["login"], ["local/"], ["secret/"]);

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop;
    private readonly PipeReader _handshakeReader;

    private InProcessPlugin(CancellationTokenSource stop, PipeReader handshakeReader, Task<int> exit, StringWriter diagnostics, string line,
        TestBackendFactory factory)
    {
        _stop = stop;
        _handshakeReader = handshakeReader;
        Exit = exit;
        Diagnostics = diagnostics;
        Line = line;
        Factory = factory;
    }

    /// <summary>The exit code ServeAsync returns.</summary>
    public Task<int> Exit { get; }

    public StringWriter Diagnostics { get; }

    /// <summary>The raw handshake line, including its newline.</summary>
    public string Line { get; }

    public TestBackendFactory Factory { get; }

    public string[] Fields => Line.TrimEnd('\n').Split('|');

    public string SocketPath => Fields[3];

    /// <summary>The certificate announced in field 6, decoded strictly; null when the field is empty.</summary>
    public X509Certificate2? AnnouncedCertificate =>
        Fields[5].Length == 0 ? null : X509CertificateLoader.LoadCertificate(StrictRawBase64.Decode(Fields[5]));

    public static PluginOptions Options(TestBackendFactory factory) =>
        new("vault-plugin-auth-test", "v0.1.0", SpecialPaths, _ => factory);

    public static PluginProcess Process(IReadOnlyDictionary<string, string> environment, Stream handshake, TextWriter diagnostics,
        IReadOnlyList<string>? arguments = null) =>
        new(PluginEnvironment.From(name => environment.GetValueOrDefault(name)), arguments ?? [], handshake, diagnostics, HandleSignals: false)
        {
            Log = HclogWriter.Null,
        };

    public static async Task<InProcessPlugin> StartAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null)
    {
        var pipe = new Pipe();
        var diagnostics = new StringWriter();
        var factory = new TestBackendFactory();
        var stop = new CancellationTokenSource();
        var process = Process(environment, pipe.Writer.AsStream(), diagnostics, arguments);
        var exit = Task.Run(() => PluginServer.ServeAsync(process, Options(factory), stop.Token));

        using var timeout = new CancellationTokenSource(StartLimit);
        var lineRead = ReadLineAsync(pipe.Reader, timeout.Token);
        if (await Task.WhenAny(lineRead, exit).ConfigureAwait(false) != lineRead)
        {
            throw new InvalidOperationException($"plugin exited with {await exit.ConfigureAwait(false)} before its handshake: {diagnostics}");
        }

        return new InProcessPlugin(stop, pipe.Reader, exit, diagnostics, await lineRead.ConfigureAwait(false), factory);
    }

    /// <summary>Runs a plugin that is expected to refuse to start: its exit code, diagnostics and handshake bytes.</summary>
    public static async Task<(int ExitCode, string Diagnostics, byte[] Handshake)> RunToExitAsync(
        IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null)
    {
        using var handshake = new MemoryStream();
        using var diagnostics = new StringWriter();
        using var timeout = new CancellationTokenSource(StartLimit);
        var exitCode = await PluginServer.ServeAsync(Process(environment, handshake, diagnostics, arguments), Options(new TestBackendFactory()), timeout.Token)
            .ConfigureAwait(false);
        return (exitCode, diagnostics.ToString(), handshake.ToArray());
    }

    /// <summary>Whatever the plugin wrote to its handshake stream after the line (the host would discard it).</summary>
    public byte[] OutputAfterHandshake()
    {
        if (!_handshakeReader.TryRead(out var result))
        {
            return [];
        }

        var bytes = result.Buffer.ToArray();
        _handshakeReader.AdvanceTo(result.Buffer.End);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Exit.WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task<string> ReadLineAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } newline)
            {
                var line = Encoding.ASCII.GetString(buffer.Slice(0, buffer.GetPosition(1, newline)));
                reader.AdvanceTo(buffer.GetPosition(1, newline));
                return line;
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException("the handshake stream ended without a line");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
