using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// One raw TLS connection to a plugin's socket: handshake, then the HTTP/2 client preface, then wait for the
/// server's SETTINGS frame. A server that refuses the client certificate never gets that far: on TLS 1.2 the
/// handshake itself fails, on TLS 1.3 the server aborts right after it.
/// </summary>
internal static class TlsProbe
{
    private static readonly byte[] Http2Preface =
        [.. "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8, 0, 0, 0, 4, 0, 0, 0, 0, 0];

    public sealed record Result(bool ServerSpokeHttp2, SslApplicationProtocol Alpn, byte[]? ServerCertificate, Exception? Failure);

    public static async Task<Result> ConnectAsync(string socketPath, X509Certificate2? clientCertificate, SslProtocols protocols,
        string targetHost = "localhost")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
        byte[]? serverCertificate = null;
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                EnabledSslProtocols = protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    serverCertificate = certificate?.GetRawCertData();
                    return certificate is not null;
                },
            }, timeout.Token);
            await tls.WriteAsync(Http2Preface, timeout.Token);
            await tls.FlushAsync(timeout.Token);
            var frameHeader = new byte[9];
            var read = await tls.ReadAtLeastAsync(frameHeader, frameHeader.Length, throwOnEndOfStream: false, timeout.Token);
            var settings = read == frameHeader.Length && frameHeader[3] == 0x4;
            return new Result(settings, tls.NegotiatedApplicationProtocol, serverCertificate, null);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return new Result(false, default, serverCertificate, exception);
        }
    }
}
