using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.VaultHttp;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>A started fake Vault plus a writer connected to it, with the writer's log lines and a fake clock.</summary>
internal sealed class FakeVaultWriter : IAsyncDisposable
{
    public const string Token = "s.writer-secret-4f1c9a7e2b";

    private FakeVaultWriter(FakeVaultServer server, VaultHttpConnection connection, ConcurrentQueue<string> log, FakeTimeProvider time)
    {
        Server = server;
        Connection = connection;
        LogLines = log;
        Time = time;
    }

    public FakeVaultServer Server { get; }
    public VaultHttpConnection Connection { get; }
    public ConcurrentQueue<string> LogLines { get; }
    public FakeTimeProvider Time { get; }

    public static async Task<FakeVaultWriter> StartAsync(
        Func<Uri, VaultConnectionSettings>? settings = null, FakeVaultToken? tokenInfo = null)
    {
        var server = new FakeVaultServer(Token);
        if (tokenInfo is not null)
        {
            server.TokenInfo = tokenInfo;
        }

        await server.StartAsync(TestContext.Current.CancellationToken);
        var log = new ConcurrentQueue<string>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new VaultHttpOptions { Time = time, Log = log.Enqueue, RequestTimeout = TimeSpan.FromSeconds(10) };
        var connectSettings = settings?.Invoke(server.BaseAddress) ?? Settings(server.BaseAddress);
        var connection = new VaultHttpConnectionFactory(options).Connect(connectSettings);
        return new FakeVaultWriter(server, connection, log, time);
    }

    public static VaultConnectionSettings Settings(Uri address, string token = Token, string? ns = null) =>
        new(address.ToString(), token, null, null, false, ns);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
