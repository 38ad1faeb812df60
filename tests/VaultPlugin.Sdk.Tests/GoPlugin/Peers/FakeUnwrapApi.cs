using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// Vault's <c>PUT /v1/sys/wrapping/unwrap</c> for the v4 unwrap-token mode (docs/protocol.md §1.4), on 127.0.0.1 port 0.
/// It hands out a certificate made like Vault's (P-521, CN = a random UUID that is also its only DNS SAN, no
/// BasicConstraints) and its SEC1 EC private key, both standard base64 of DER, only to the right wrapping token.
/// </summary>
internal sealed class FakeUnwrapApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeUnwrapApi(WebApplication app, X509Certificate2 certificate, byte[] key, int status)
    {
        _app = app;
        Certificate = certificate;
        PrivateKey = key;
        Status = status;
        _app.MapPut("/v1/sys/wrapping/unwrap", (RequestDelegate)AnswerAsync);
    }

    /// <summary>The wrapped certificate, with its private key (the host presents it as its client certificate).</summary>
    public X509Certificate2 Certificate { get; }

    public string CommonName => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    public byte[] PrivateKey { get; }

    public int Status { get; }

    public string Address => _app.Urls.Single();

    /// <summary>The wrapping token whose <c>addr</c> claim points here.</summary>
    public string Token { get; private set; } = "";

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeUnwrapApi> StartAsync(int status = StatusCodes.Status200OK, bool legacyToken = false)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Kestrel's default, made explicit: a fake must never let Nagle hold a response back (README, fakes).
        builder.WebHost.UseSockets(sockets => sockets.NoDelay = true);
        var certificate = GoPluginHostCertificate.CreateWrapped(out var key);
        var api = new FakeUnwrapApi(builder.Build(), certificate, key, status);
        await api._app.StartAsync();
        api.Token = legacyToken ? WrappingTokens.Legacy(api.Address) : WrappingTokens.Modern(api.Address);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        context.Response.ContentType = "application/json";
        if (context.Request.Headers["X-Vault-Token"] != Token)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("{\"errors\":[\"permission denied\"]}");
            return;
        }

        if (Status != StatusCodes.Status200OK)
        {
            context.Response.StatusCode = Status;
            await context.Response.WriteAsync("{\"errors\":[\"wrapping token is not valid or does not exist\"]}");
            return;
        }

        await context.Response.WriteAsync(new JsonObject
        {
            ["request_id"] = Guid.NewGuid().ToString(),
            ["lease_id"] = "",
            ["renewable"] = false,
            ["lease_duration"] = 0,
            ["data"] = new JsonObject
            {
                ["ServerCert"] = Convert.ToBase64String(Certificate.RawData),
                ["ServerKey"] = Convert.ToBase64String(PrivateKey),
            },
            ["wrap_info"] = null,
            ["warnings"] = null,
            ["auth"] = null,
        }.ToJsonString());
    }
}
