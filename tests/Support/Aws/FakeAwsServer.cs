using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VaultEc2Auth.TestSupport.Net;

namespace VaultEc2Auth.TestSupport.Aws;

/// <summary>
/// A local stand-in for EC2 (DescribeInstances), IAM (GetInstanceProfile) and STS (AssumeRole; GetCallerIdentity, which Vault's built-in aws method
/// asks once) speaking the Query
/// API: form POSTs in, AWS's XML out, on 127.0.0.1 and a free port (Kestrel's sockets with TCP_NODELAY). Requests
/// without a well-formed SigV4 Authorization header are refused like AWS refuses them. Fault switches make it
/// throttle or fail the next requests. Accounts that have an assumable role are "other accounts": their instances
/// and profiles are visible only to sessions assumed into them, as EC2 shows each account only its own.
/// </summary>
public sealed partial class FakeAwsServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _actionCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly ConcurrentQueue<FakeAwsRequest> _requests = new();
    private readonly ConcurrentDictionary<string, string?> _assumableRoles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sessionAccounts = new(StringComparer.Ordinal);
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
    private readonly ConcurrentQueue<string> _issuedKeys = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The account STS GetCallerIdentity names as the caller's.</summary>
    public string CallerAccountId { get; set; } = "123456789012";

    /// <summary>Every request that reached the server, well-formed or not.</summary>
    public int RequestCount => _requestCount;

    /// <summary>The Authorization headers received, oldest first.</summary>
    public IReadOnlyCollection<string> Authorizations => _authorizations;

    /// <summary>Every well-signed request: its action and target, the access key id it was signed with and its session token.</summary>
    public IReadOnlyCollection<FakeAwsRequest> Requests => _requests;

    /// <summary>The clock STS dates sessions by; tests that move time by hand set theirs.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>How long an assumed session lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Session credentials handed out by AssumeRole, newest last.</summary>
    public IReadOnlyList<string> IssuedSessionKeys => [.. _issuedKeys];

    public int CountOf(string action) => _actionCounts.GetValueOrDefault(action);

    /// <summary>The most instance ids one DescribeInstances call asked about through an <c>instance-id</c> filter.</summary>
    public int LargestFilter { get; private set; }

    /// <summary>Faults answered so far, by kind (<c>throttle</c>, <c>5xx</c>, <c>malformed</c>, <c>stall</c>) and action.</summary>
    public IReadOnlyDictionary<string, int> FaultsServed => _faultsServed;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSockets(options => options.NoDelay = true);
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
    /// A role STS lets callers assume (with <paramref name="externalId"/> when given). Its account becomes an other
    /// account: only its sessions see that account's instances and profiles. Any other role is AccessDenied.
    /// </summary>
    public void AddAssumableRole(string roleArn, string? externalId = null) => _assumableRoles[roleArn] = externalId;

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
        var isIam = action is "GetInstanceProfile" or "GetCallerIdentity";
        var isSts = action == "AssumeRole";
        var authorization = context.Request.Headers.Authorization.ToString();
        _authorizations.Enqueue(authorization);
        var signature = SigV4Authorization().Match(authorization);
        if (!signature.Success || string.IsNullOrEmpty(context.Request.Headers["X-Amz-Date"]))
        {
            await Reply(context, 403, isSts ? FakeAwsResponses.StsError(requestId, "IncompleteSignature", "Authorization header is not SigV4")
                : isIam ? FakeAwsResponses.IamError(requestId, "Sender", "IncompleteSignature", "Authorization header is not SigV4")
                : FakeAwsResponses.Ec2Error(requestId, "AuthFailure", "Authorization header is not SigV4"));
            return;
        }
        var accessKeyId = signature.Groups["key"].Value;
        var sessionToken = context.Request.Headers["X-Amz-Security-Token"].ToString();
        var target = form["InstanceId.1"].ToString() is { Length: > 0 } instanceId ? instanceId
            : form["InstanceProfileName"].ToString() is { Length: > 0 } profile ? profile
            : form["RoleArn"].ToString();
        _requests.Enqueue(new FakeAwsRequest(action, target, accessKeyId, sessionToken.Length == 0 ? null : sessionToken));
        _actionCounts.AddOrUpdate(action, 1, (_, n) => n + 1);
        if ((_stallAction is null || _stallAction == action) && FaultCountdown.TakeOne(ref _stallNext))
        {
            CountFault("stall", action);
            await Task.Delay(_stallFor, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }
        if ((_malformAction is null || _malformAction == action) && FaultCountdown.TakeOne(ref _malformNext))
        {
            CountFault("malformed", action);
            await Reply(context, 200, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{action}Response xmlns=\"https://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>{requestId}</requestId><reservationSet><item><instancesSet><item><instanceId>i-0");
            return;
        }
        if ((_throttleAction is null || _throttleAction == action) && FaultCountdown.TakeOne(ref _throttleNext))
        {
            CountFault("throttle", action);
            await Reply(context, isSts ? 400 : 503, isSts ? FakeAwsResponses.StsError(requestId, "Throttling", "Rate exceeded")
                : isIam ? FakeAwsResponses.IamError(requestId, "Sender", "Throttling", "Rate exceeded")
                : FakeAwsResponses.Ec2Error(requestId, "RequestLimitExceeded", "Request limit exceeded."));
            return;
        }
        if (FaultCountdown.TakeOne(ref _failNext))
        {
            CountFault("5xx", action);
            await Reply(context, 500, isSts ? FakeAwsResponses.StsError(requestId, "InternalFailure", "Internal failure")
                : isIam ? FakeAwsResponses.IamError(requestId, "Receiver", "ServiceFailure", "Internal failure")
                : FakeAwsResponses.Ec2Error(requestId, "InternalError", "An internal error has occurred."));
            return;
        }
        switch (action)
        {
            case "DescribeInstances":
                await DescribeInstances(context, form, requestId, CallerAccount(accessKeyId));
                break;
            case "GetInstanceProfile":
                await GetInstanceProfile(context, form["InstanceProfileName"].ToString(), requestId, CallerAccount(accessKeyId));
                break;
            case "AssumeRole":
                await AssumeRole(context, form, requestId);
                break;
            case "GetCallerIdentity":
                await Reply(context, 200, FakeAwsResponses.GetCallerIdentity(requestId, CallerAccountId));
                break;
            default:
                await Reply(context, 400, FakeAwsResponses.Ec2Error(requestId, "InvalidAction", "unknown action"));
                break;
        }
    }

    private Task DescribeInstances(HttpContext context, IFormCollection form, string requestId, string? callerAccount)
    {
        var ids = form.Keys.Where(k => k.StartsWith("InstanceId.", StringComparison.Ordinal)).Select(k => form[k].ToString()).ToList();
        if (InstanceIdFilter(form) is { } filtered)
        {
            // As EC2 does: a filter leaves unknown ids (and other accounts' instances) out of the answer instead of failing the call.
            LargestFilter = Math.Max(LargestFilter, filtered.Count);
            return Reply(context, 200, FakeAwsResponses.DescribeInstances(requestId,
                filtered.Where(id => ids.Count == 0 || ids.Contains(id)).Select(id => _instances.GetValueOrDefault(id))
                    .OfType<FakeInstance>().Where(instance => Visible(instance.OwnerId, callerAccount))));
        }
        var missing = ids.FirstOrDefault(id => !_instances.TryGetValue(id, out var instance) || !Visible(instance.OwnerId, callerAccount));
        if (missing is not null)
        {
            return Reply(context, 400, FakeAwsResponses.Ec2Error(requestId, "InvalidInstanceID.NotFound", $"The instance ID '{missing}' does not exist"));
        }
        return Reply(context, 200, FakeAwsResponses.DescribeInstances(requestId, ids.Select(id => _instances[id])));
    }

    /// <summary>The values of an <c>instance-id</c> filter (<c>Filter.N.Name</c>, <c>Filter.N.Value.M</c>), or null without one.</summary>
    private static List<string>? InstanceIdFilter(IFormCollection form)
    {
        var filter = form.Keys.FirstOrDefault(key => key.StartsWith("Filter.", StringComparison.Ordinal) && key.EndsWith(".Name", StringComparison.Ordinal) && form[key] == "instance-id");
        if (filter is null)
        {
            return null;
        }
        var valuePrefix = filter[..^"Name".Length] + "Value.";
        return [.. form.Keys.Where(key => key.StartsWith(valuePrefix, StringComparison.Ordinal)).Select(key => form[key].ToString())];
    }

    private Task GetInstanceProfile(HttpContext context, string profileName, string requestId, string? callerAccount)
    {
        if (!_profiles.TryGetValue(profileName, out var roles) || (roles.Count > 0 && !Visible(roles[0].Split(':')[4], callerAccount)))
        {
            return Reply(context, 404, FakeAwsResponses.IamError(requestId, "Sender", "NoSuchEntity", $"Instance Profile {profileName} cannot be found."));
        }
        var account = roles.Count > 0 ? roles[0].Split(':')[4] : "000000000000";
        return Reply(context, 200, FakeAwsResponses.GetInstanceProfile(requestId, profileName, account, roles));
    }

    private Task AssumeRole(HttpContext context, IFormCollection form, string requestId)
    {
        var roleArn = form["RoleArn"].ToString();
        var externalId = form.ContainsKey("ExternalId") ? form["ExternalId"].ToString() : null;
        if (!_assumableRoles.TryGetValue(roleArn, out var requiredExternalId) || requiredExternalId != externalId)
        {
            return Reply(context, 403, FakeAwsResponses.StsError(requestId, "AccessDenied", $"User is not authorized to perform: sts:AssumeRole on resource: {roleArn}"));
        }
        var accessKeyId = "ASIA" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        _sessionAccounts[accessKeyId] = roleArn.Split(':')[4];
        _issuedKeys.Enqueue(accessKeyId);
        return Reply(context, 200, FakeAwsResponses.AssumeRole(
            requestId, roleArn, form["RoleSessionName"].ToString(), accessKeyId, "session-token-for-" + accessKeyId, Clock() + SessionLifetime));
    }

    /// <summary>The account a session key was assumed into; null for config/client's own keys.</summary>
    private string? CallerAccount(string accessKeyId) => _sessionAccounts.GetValueOrDefault(accessKeyId);

    /// <summary>A session sees only its account; the caller's own keys see every account that is not an other account.</summary>
    private bool Visible(string ownerAccount, string? callerAccount) =>
        callerAccount is not null
            ? callerAccount == ownerAccount
            : !_assumableRoles.Keys.Any(arn => arn.Split(':')[4] == ownerAccount);

    private void CountFault(string kind, string action) => _faultsServed.AddOrUpdate($"{action} {kind}", 1, (_, n) => n + 1);

    private static Task Reply(HttpContext context, int status, string xml)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml;charset=UTF-8";
        return context.Response.WriteAsync(xml);
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]{16,128})/[0-9]{8}/[a-z0-9-]+/[a-z0-9]+/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4Authorization();
}

/// <summary>One well-signed request the fake received: what it asked about (instance id, profile name or role ARN) and how it was signed.</summary>
public sealed record FakeAwsRequest(string Action, string Target, string AccessKeyId, string? SecurityToken);
