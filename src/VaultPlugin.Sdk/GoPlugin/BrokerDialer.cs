using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using VaultPlugin.Sdk.Protocol.GoPlugin;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Dials a listener the host announced on the broker (usually a unix socket) with the same identity the plugin
/// serves: our certificate as client certificate, the host's certificate pinned as the only acceptable server.
/// </summary>
internal sealed class BrokerDialer(TransportIdentity identity)
{
    public GrpcChannel Dial(ConnInfo info)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            EnableMultipleHttp2Connections = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(info, cancellationToken),
        };

        var scheme = "http";
        if (identity.UsesTls)
        {
            scheme = "https";
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = identity.BrokerServerName,
                // Our certificate's context without a chain build (SystemStoreFreeTls). The host's certificate is
                // still chain-built by SslStream before our pin check, so the system CA store loads on the first
                // storage call; TLS done in ConnectCallback instead would send ":scheme http" over TLS, which
                // Kestrel refuses.
                ClientCertificateContext = SystemStoreFreeTls.OwnCertificateContext(identity.ServerCertificate!),
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && identity.IsPinnedPeer(certificate as X509Certificate2 ?? new X509Certificate2(certificate)),
            };
        }

        return GrpcChannel.ForAddress($"{scheme}://{identity.BrokerServerName}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = int.MaxValue,
            MaxSendMessageSize = int.MaxValue,
            DisposeHttpClient = true,
        });
    }

    private static async ValueTask<Stream> ConnectAsync(ConnInfo info, CancellationToken cancellationToken)
    {
        EndPoint endpoint = info.Network switch
        {
            "unix" => new UnixDomainSocketEndPoint(info.Address),
            "tcp" => IPEndPoint.Parse(info.Address),
            _ => throw new InvalidOperationException($"broker announced unknown network '{info.Network}'"),
        };
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, info.Network == "unix" ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
