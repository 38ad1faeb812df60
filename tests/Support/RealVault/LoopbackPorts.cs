using System.Net;
using System.Net.Sockets;

namespace VaultEc2Auth.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for servers the tests start (taken from the kernel, then released).</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
