using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// A local stand-in for EC2 (DescribeInstances) and IAM (GetInstanceProfile) speaking the Query API: form POSTs
/// in, AWS's XML out, on 127.0.0.1 and a free port. Requests without a well-formed SigV4 Authorization header are
/// refused like AWS refuses them. Fault switches make it throttle or fail the next requests.
/// </summary>
public sealed partial class FakeAwsServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _actionCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _authorizations = new();
    private WebApplication? _app;
    private int _throttleNext;
    private volatile string? _throttleAction;
    private int _failNext;
    private int _malformNext;
    private volatile string? _malformAction;
    private int _stallNext;
    private volatile string? _stallAction;
    private TimeSpan _stallFor;
    private readonly ConcurrentDictionary<string, int> _faultsServed = new(StringComparer.Ordinal);
    private int _requestCount;
    private int _requestSequence;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request that reached the server, well-formed or not.</summary>
    public int RequestCount => _requestCount;

    /// <summary>The Authorization headers received, oldest first.</summary>
    public IReadOnlyCollection<string> Authorizations => _authorizations;

    public int CountOf(string action) => _actionCounts.GetValueOrDefault(action);

    /// <summary>Faults answered so far, by kind (<c>throttle</c>, <c>5xx</c>, <c>malformed</c>, <c>stall</c>) and action.</summary>
    public IReadOnlyDictionary<string, int> FaultsServed => _faultsServed;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/", HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public void AddInstance(FakeInstance instance) => _instances[instance.InstanceId] = instance;

    public void SetState(string instanceId, string state) =>
        _instances.AddOrUpdate(instanceId, _ => throw new KeyNotFoundException(instanceId), (_, i) => i with { State = state });

    public void AddInstanceProfile(string profileName, params string[] roleArns) => _profiles[profileName] = roleArns;

    /// <summary>
    /// The next <paramref name="count"/> requests (of <paramref name="action"/> only, when given) get 503
    /// RequestLimitExceeded (EC2) or Throttling (IAM).
    /// </summary>
    public void ThrottleNext(int count, string? action = null)
    {
        _throttleAction = action;
        Interlocked.Exchange(ref _throttleNext, count);
    }

    /// <summary>The next <paramref name="count"/> requests get 500 InternalError.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="action"/> only, when given) get a 200 whose XML is cut off mid-element.</summary>
    public void MalformNext(int count, string? action = null)
    {
        _malformAction = action;
        Interlocked.Exchange(ref _malformNext, count);
    }

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="action"/> only, when given) are answered only after <paramref name="delay"/>.</summary>
    public void StallNext(int count, TimeSpan delay, string? action = null)
    {
        _stallAction = action;
        _stallFor = delay;
        Interlocked.Exchange(ref _stallNext, count);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        var requestId = $"fake-{Interlocked.Increment(ref _requestSequence):D4}-0000-4000-8000-000000000000";
        var form = await context.Request.ReadFormAsync();
        var action = form["Action"].ToString();
        var isIam = action == "GetInstanceProfile";
        var authorization = context.Request.Headers.Authorization.ToString();
        _authorizations.Enqueue(authorization);
        if (!SigV4Authorization().IsMatch(authorization) || string.IsNullOrEmpty(context.Request.Headers["X-Amz-Date"]))
        {
            await Reply(context, 403, isIam
                ? FakeAwsResponses.IamError(requestId, "Sender", "IncompleteSignature", "Authorization header is not SigV4")
                : FakeAwsResponses.Ec2Error(requestId, "AuthFailure", "Authorization header is not SigV4"));
            return;
        }
        _actionCounts.AddOrUpdate(action, 1, (_, n) => n + 1);
        if ((_stallAction is null || _stallAction == action) && TakeOne(ref _stallNext))
        {
            CountFault("stall", action);
            await Task.Delay(_stallFor, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }
        if ((_malformAction is null || _malformAction == action) && TakeOne(ref _malformNext))
        {
            CountFault("malformed", action);
            await Reply(context, 200, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{action}Response xmlns=\"https://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>{requestId}</requestId><reservationSet><item><instancesSet><item><instanceId>i-0");
            return;
        }
        if ((_throttleAction is null || _throttleAction == action) && TakeOne(ref _throttleNext))
        {
            CountFault("throttle", action);
            await Reply(context, 503, isIam
                ? FakeAwsResponses.IamError(requestId, "Sender", "Throttling", "Rate exceeded")
                : FakeAwsResponses.Ec2Error(requestId, "RequestLimitExceeded", "Request limit exceeded."));
            return;
        }
        if (TakeOne(ref _failNext))
        {
            CountFault("5xx", action);
            await Reply(context, 500, isIam
                ? FakeAwsResponses.IamError(requestId, "Receiver", "ServiceFailure", "Internal failure")
                : FakeAwsResponses.Ec2Error(requestId, "InternalError", "An internal error has occurred."));
            return;
        }
        switch (action)
        {
            case "DescribeInstances":
                await DescribeInstances(context, form, requestId);
                break;
            case "GetInstanceProfile":
                await GetInstanceProfile(context, form["InstanceProfileName"].ToString(), requestId);
                break;
            default:
                await Reply(context, 400, FakeAwsResponses.Ec2Error(requestId, "InvalidAction", "unknown action"));
                break;
        }
    }

    private Task DescribeInstances(HttpContext context, IFormCollection form, string requestId)
    {
        var ids = form.Keys.Where(k => k.StartsWith("InstanceId.", StringComparison.Ordinal)).Select(k => form[k].ToString()).ToList();
        var missing = ids.FirstOrDefault(id => !_instances.ContainsKey(id));
        if (missing is not null)
        {
            return Reply(context, 400, FakeAwsResponses.Ec2Error(requestId, "InvalidInstanceID.NotFound", $"The instance ID '{missing}' does not exist"));
        }
        return Reply(context, 200, FakeAwsResponses.DescribeInstances(requestId, ids.Select(id => _instances[id])));
    }

    private Task GetInstanceProfile(HttpContext context, string profileName, string requestId)
    {
        if (!_profiles.TryGetValue(profileName, out var roles))
        {
            return Reply(context, 404, FakeAwsResponses.IamError(requestId, "Sender", "NoSuchEntity", $"Instance Profile {profileName} cannot be found."));
        }
        var account = roles.Count > 0 ? roles[0].Split(':')[4] : "000000000000";
        return Reply(context, 200, FakeAwsResponses.GetInstanceProfile(requestId, profileName, account, roles));
    }

    private void CountFault(string kind, string action) => _faultsServed.AddOrUpdate($"{action} {kind}", 1, (_, n) => n + 1);

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private static Task Reply(HttpContext context, int status, string xml)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml;charset=UTF-8";
        return context.Response.WriteAsync(xml);
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[A-Z0-9]{16,128}/[0-9]{8}/[a-z0-9-]+/[a-z0-9]+/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4Authorization();
}
