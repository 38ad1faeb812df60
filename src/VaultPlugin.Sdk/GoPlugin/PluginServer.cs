using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Logging;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The go-plugin server side (docs/protocol.md §1–4): checks the cookie, negotiates the version, sets up TLS for the
/// mode the environment asks for, serves gRPC on a unix socket, and prints the handshake line once the listener
/// accepts connections. Returns the process exit code.
/// </summary>
public static class PluginServer
{
    /// <summary>The executable's entry: the real environment, stdout for the handshake, signals handled.</summary>
    public static Task<int> RunAsync(string[] args, PluginOptions options)
    {
        var handshakeOut = Console.OpenStandardOutput();
        // Nothing but the handshake line may reach stdout: the host reads its first line as the handshake.
        Console.SetOut(TextWriter.Null);
        var process = new PluginProcess(PluginEnvironment.FromProcess(), args, handshakeOut, Console.Error, HandleSignals: true);
        return ServeAsync(process, options, CancellationToken.None);
    }

    /// <summary>Serves until the host shuts the plugin down or <paramref name="stop"/> fires; returns the exit code.</summary>
    internal static async Task<int> ServeAsync(PluginProcess process, PluginOptions options, CancellationToken stop)
    {
        var environment = process.Environment;
        if (environment.MagicCookie != PluginEnvironment.MagicCookieValue)
        {
            await process.Diagnostics.WriteLineAsync(
                $"This binary is a plugin for HashiCorp Vault and OpenBao. It is not meant to be run directly.\n" +
                $"Register it with: vault plugin register -sha256=<sha256 of this file> -command={options.Name} -version={options.Version} auth <name>\n" +
                $"then enable it with: vault auth enable -path=<mount> <name>").ConfigureAwait(false);
            return 1;
        }

        if (ProtocolNegotiation.Choose(environment.ProtocolVersions) is not { } protocol)
        {
            await process.Diagnostics.WriteLineAsync(
                $"{options.Name}: the host offered plugin protocol versions '{environment.ProtocolVersions}', this plugin serves 3, 4 and 5").ConfigureAwait(false);
            return 1;
        }

        var log = process.Log ?? HclogWriter.ToStderr(HclogLevels.Parse(environment.LogLevel));
        try
        {
            var identity = await ResolveIdentityAsync(environment, process.Arguments).ConfigureAwait(false);
            using var listener = PluginListener.Create(environment.UnixSocketDirectory);
            var runtime = new PluginRuntimeInfo(environment.TlsMode == TlsMode.Plaintext, options.Version, options.SpecialPaths);
            var app = Build(process, identity, listener, runtime, options, log);
            await using var disposeApp = app.ConfigureAwait(false);
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var certificate = identity.AnnounceCertificate ? AutoMtlsCertificate.HandshakeEncoding(identity.ServerCertificate!) : "";
                var line = HandshakeLine.Format(protocol, "unix", listener.SocketPath, certificate);
                process.HandshakeOutput.Write(System.Text.Encoding.ASCII.GetBytes(line));
                process.HandshakeOutput.Flush();
            });
            await app.RunAsync(stop).ConfigureAwait(false);
            return 0;
        }
        catch (PluginStartupException exception)
        {
            log.Write(HclogLevel.Error, "plugin", exception.Message);
            await process.Diagnostics.WriteLineAsync($"{options.Name}: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<TransportIdentity> ResolveIdentityAsync(PluginEnvironment environment, IReadOnlyList<string> args)
    {
        switch (environment.TlsMode)
        {
            case TlsMode.AutoMtls:
                var hostCertificate = AutoMtlsCertificate.ParseHostCertificate(environment.ClientCertificatePem!);
                return new TransportIdentity(AutoMtlsCertificate.Create(), hostCertificate, "localhost", AnnounceCertificate: true);
            case TlsMode.Plaintext:
                return TransportIdentity.Plaintext;
            default:
                if (environment.UnwrapToken is null)
                {
                    throw new PluginStartupException("no PLUGIN_CLIENT_CERT, metadata mode off and no VAULT_UNWRAP_TOKEN: cannot set up TLS");
                }

                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45)))
                {
                    return await UnwrapTokenIdentity.FetchAsync(environment.UnwrapToken, PluginArguments.Parse(args), timeout.Token).ConfigureAwait(false);
                }
        }
    }

    private static WebApplication Build(PluginProcess process, TransportIdentity identity, PluginListener listener,
        PluginRuntimeInfo runtime, PluginOptions options, HclogWriter log)
    {
        // The empty builder reads no appsettings.json, so nothing watches the working directory: Vault starts
        // plugins in its own (often "/"), and the slim builder's reload watcher walked that whole tree at start.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.Logging.AddProvider(new HclogLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (process.HandleSignals)
        {
            builder.Services.AddSingleton<IHostLifetime, PluginLifetime>();
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.ListenUnixSocket(listener.SocketPath, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http2;
                if (identity.UsesTls)
                {
                    endpoint.UseHttps(PluginTls.ServerOptions(identity));
                }
            });
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<BrokerConnections>();
        builder.Services.AddSingleton(options.BackendFactory(process.Environment));
        PluginGrpcServices.Register(builder.Services);

        var app = builder.Build();
        PluginGrpcServices.Map(app);
        return app;
    }
}
