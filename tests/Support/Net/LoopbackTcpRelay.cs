using System.Net;
using System.Net.Sockets;

namespace VaultEc2Auth.TestSupport.Net;

/// <summary>
/// A TCP relay on 127.0.0.1 to one target: an address for a server that a test can take down (<see cref="Stop"/>
/// closes the port and every relayed connection, so connecting is refused) without stopping the server itself.
/// </summary>
public sealed class LoopbackTcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Socket> open = [];
    private readonly Task accepting = Task.CompletedTask;

    public LoopbackTcpRelay(Uri target)
    {
        this.target = target;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public void Stop()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        stopping.Cancel();
        listener.Stop();
        lock (open)
        {
            foreach (var socket in open)
            {
                socket.Dispose();
            }

            open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await accepting.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        lock (open)
        {
            if (stopping.IsCancellationRequested)
            {
                client.Dispose();
                server.Dispose();
                return;
            }
            open.Add(client);
            open.Add(server);
        }
        try
        {
            await server.ConnectAsync(target.Host, target.Port, stopping.Token).ConfigureAwait(false);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The relay was stopped or the target went away: the client sees its connection closed.
        }
        finally
        {
            lock (open)
            {
                open.Remove(client);
                open.Remove(server);
            }
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Either side closed or the relay stopped; the other pump ends with it.
        }
    }
}
