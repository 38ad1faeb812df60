using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// A listener the host opens for one Setup (docs/protocol.md §4.3): a unix socket serving pb.Storage. With TLS it is
/// configured like go-plugin's broker: the host's certificate as server certificate, a client certificate
/// required and accepted only if it is the plugin's.
/// </summary>
internal sealed class FakeHostBroker : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private FakeHostBroker(WebApplication app, string directory, string socketPath, FakeHostStorage storage)
    {
        _app = app;
        _directory = directory;
        SocketPath = socketPath;
        Storage = storage;
    }

    public string SocketPath { get; }

    public FakeHostStorage Storage { get; }

    /// <param name="serverCertificate">The host's certificate with its key; null serves plaintext (metadata mode).</param>
    /// <param name="pluginCertificate">The only client certificate accepted.</param>
    public static async Task<FakeHostBroker> StartAsync(X509Certificate2? serverCertificate, X509Certificate2? pluginCertificate)
    {
        var directory = Directory.CreateTempSubdirectory("fake-broker-").FullName;
        var socketPath = Path.Combine(directory, "plugin-broker");
        var storage = new FakeHostStorage();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath, endpoint =>
        {
            endpoint.Protocols = HttpProtocols.Http2;
            if (serverCertificate is not null)
            {
                endpoint.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (certificate, _, _) =>
                        pluginCertificate is not null && certificate.RawDataMemory.Span.SequenceEqual(pluginCertificate.RawData),
                    CheckCertificateRevocation = false,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
            }
        }));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(storage);
        var app = builder.Build();
        app.MapGrpcService<FakeHostStorage>();
        await app.StartAsync();
        return new FakeHostBroker(app, directory, socketPath, storage);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
