using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VaultEc2Auth.TestSupport.Aws;

/// <summary>
/// A local stand-in for the EC2 instance metadata service, IMDSv2 only: <c>PUT /latest/api/token</c> with a TTL
/// header gives a token, and <c>placement/region</c> answers only with that token (401 otherwise, as IMDSv2
/// does). On 127.0.0.1, a free port, TCP_NODELAY.
/// </summary>
public sealed class FakeInstanceMetadataServer(string region) : IAsyncDisposable
{
    private const string Token = "AQAEAFakeImdsV2SessionToken==";
    private WebApplication? _app;
    private int _regionReads;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Region reads that presented the session token.</summary>
    public int RegionReads => Volatile.Read(ref _regionReads);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSockets(options => options.NoDelay = true);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPut("/latest/api/token", (HttpContext context) =>
            string.IsNullOrEmpty(context.Request.Headers["X-aws-ec2-metadata-token-ttl-seconds"])
                ? Results.BadRequest()
                : Results.Text(Token));
        _app.MapGet("/latest/meta-data/placement/region", (HttpContext context) =>
        {
            if (context.Request.Headers["X-aws-ec2-metadata-token"] != Token)
            {
                return Results.Unauthorized();
            }
            Interlocked.Increment(ref _regionReads);
            return Results.Text(region);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
