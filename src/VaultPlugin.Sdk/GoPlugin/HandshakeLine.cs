using System.Globalization;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// go-plugin's handshake line <c>CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVER_CERT[|MUX]</c> (docs/protocol.md §2.1):
/// the only thing this process ever writes to stdout. Field 7 (broker multiplexing, containers only) is never
/// sent: this plugin does not speak yamux, and go-plugin &lt; 1.6 hosts would glue it onto the certificate.
/// </summary>
internal static class HandshakeLine
{
    public static string Format(int appProtocol, string network, string address, string serverCertificate) =>
        string.Join('|',
            "1",
            appProtocol.ToString(CultureInfo.InvariantCulture),
            network,
            address,
            "grpc",
            serverCertificate) + "\n";
}
