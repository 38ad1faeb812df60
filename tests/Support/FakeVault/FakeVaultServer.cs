using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// An in-memory stand-in for Vault's HTTP API on 127.0.0.1: ACL policies, a generic object store for every other
/// path, token lookup/renewal, one accepted token, switchable faults and a request log. Plain class, so a test, a
/// dev tool or a standalone process can host it.
/// </summary>
public sealed class FakeVaultServer : IAsyncDisposable
{
    private readonly FakeVaultStore store = new();
    private readonly X509Certificate2? tlsCertificate;
    private readonly int port;
    private WebApplication? app;
    private volatile FakeVaultToken tokenInfo = FakeVaultToken.Root;

    /// <param name="token">The only token accepted in <c>X-Vault-Token</c>.</param>
    /// <param name="tlsCertificate">Serve HTTPS with this certificate (with private key); plain HTTP when null.</param>
    /// <param name="port">0 (the default) picks a free port; tests must keep it so.</param>
    public FakeVaultServer(string token, X509Certificate2? tlsCertificate = null, int port = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
        this.tlsCertificate = tlsCertificate;
        this.port = port;
    }

    public string Token { get; }

    /// <summary>Scheme, loopback address and port, e.g. <c>http://127.0.0.1:41234/</c>; set by <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What lookup-self reports and renew-self grants for <see cref="Token"/>.</summary>
    public FakeVaultToken TokenInfo
    {
        get => tokenInfo;
        set => tokenInfo = value;
    }

    public IReadOnlyList<RecordedVaultRequest> Requests => store.Requests;

    public IReadOnlyList<RecordedVaultRequest> Writes => store.Requests.Where(r => r.IsWrite).ToList();

    public int Renewals => store.Renewals;

    /// <summary>Requests answered with a fault (an error status or a delay) so far.</summary>
    public int FaultsServed => store.FaultsServed;

    public IReadOnlyList<string> PolicyNames => store.PolicyNames;

    public IReadOnlyList<string> ObjectPaths => store.ObjectPaths;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            throw new InvalidOperationException("the fake Vault is already started");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Kestrel's default, made explicit: with keep-alive, Nagle would hold each response for the delayed ACK.
        builder.WebHost.UseSockets(sockets => sockets.NoDelay = true);
        if (tlsCertificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        app = builder.Build();
        var handler = new FakeVaultHandler(store, Token, () => tokenInfo);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is null)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    public string? GetPolicy(string name) => store.GetPolicy(name);

    public void SetPolicy(string name, string text) => store.SetPolicy(name, text);

    public bool RemovePolicy(string name) => store.RemovePolicy(name);

    /// <summary>The object stored at <paramref name="path"/> (relative to <c>/v1/</c>), or null.</summary>
    public JsonObject? GetObject(string path) => store.GetObject(path);

    public void SetObject(string path, JsonObject data) => store.SetObject(path, data);

    public bool RemoveObject(string path) => store.RemoveObject(path);

    public void AddFault(FakeVaultFault fault) => store.AddFault(fault);

    /// <summary>The <paramref name="nth"/> write from now on (1-based) fails once with the given status.</summary>
    public void FailNthWrite(int nth, int status = 500, string message = "internal error") =>
        store.AddFault(new FakeVaultFault(status, message) { NthWrite = nth });

    /// <summary>Every request to a path under <paramref name="pathPrefix"/> fails until <see cref="ClearFaults"/>.</summary>
    public void FailPath(string pathPrefix, int status = 500, string message = "internal error", string? method = null) =>
        store.AddFault(new FakeVaultFault(status, message) { PathPrefix = pathPrefix, Method = method });

    /// <summary>Requests to paths under <paramref name="pathPrefix"/> are answered only after <paramref name="delay"/>.</summary>
    public void DelayPath(string pathPrefix, TimeSpan delay, string? method = null) =>
        store.AddFault(new FakeVaultFault(0, "") { PathPrefix = pathPrefix, Method = method, Delay = delay });

    public void ClearFaults() => store.ClearFaults();

    public void ClearRequests() => store.ClearRequests();

    /// <summary>Waits until a request matching <paramref name="match"/> has been served, for background activity.</summary>
    public async Task<RecordedVaultRequest> WaitForRequestAsync(Func<RecordedVaultRequest, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = store.Requests.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the fake Vault saw no matching request within {timeout}");
            }
        }
    }
}
