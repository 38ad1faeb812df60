using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// gRPC channels to a plugin's unix socket, as the host dials it: <c>https://localhost</c> over a
/// <see cref="UnixDomainSocketEndPoint"/>, ALPN h2, the host's certificate as client certificate, the server
/// certificate accepted only by exact comparison.
/// </summary>
internal static class PluginChannels
{
    public static GrpcChannel Tls(string socketPath, X509Certificate2? clientCertificate, X509Certificate2 expectedServer, string targetHost = "localhost")
    {
        var handler = Handler(socketPath);
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expectedServer.RawData),
        };
        return Channel("https://localhost", handler);
    }

    public static GrpcChannel Plaintext(string socketPath) => Channel("http://localhost", Handler(socketPath));

    private static SocketsHttpHandler Handler(string socketPath) => new()
    {
        UseProxy = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static GrpcChannel Channel(string address, SocketsHttpHandler handler) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = handler,
        DisposeHttpClient = true,
        MaxReceiveMessageSize = null,
        MaxSendMessageSize = null,
    });
}
