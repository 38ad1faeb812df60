using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VaultEc2Auth.TestSupport.Net;

namespace VaultEc2Auth.TestSupport.Gce;

/// <summary>
/// A local stand-in for Google on 127.0.0.1 and a free port (Kestrel's sockets with TCP_NODELAY): the signing-key
/// JWKS with Cache-Control, the OAuth2 token endpoint (it checks each assertion's RS256 signature against the
/// registered service-account keys), the metadata server's token, and Compute Engine <c>instances.get</c> (by
/// name) and <c>instances.list</c> (with an id filter, paged) in Google's JSON, for bearer tokens it issued only. Fault switches throttle, fail or stall the next requests.
/// </summary>
public sealed partial class FakeGoogleServer : IAsyncDisposable
{
    public const string ComputeReadOnlyScope = "https://www.googleapis.com/auth/compute.readonly";

    private readonly ConcurrentDictionary<string, FakeGceInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RSAParameters Key, string Email)> _serviceAccounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _issuedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _computeQueries = new();
    private readonly ConcurrentQueue<string> _assertionFailures = new();
    private volatile IReadOnlyList<TestGoogleSigner> _published = [];
    private WebApplication? _app;
    private int _certsRequests;
    private int _tokenRequests;
    private int _metadataTokenRequests;
    private int _computeRequests;
    private int _tokenSequence;
    private int _throttleComputeNext;
    private int _failComputeNext;
    private int _failComputeStatus = 500;
    private int _stallComputeNext;
    private TimeSpan _stallFor;
    private int _failTokenNext;
    private int _failCertsNext;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Uri CertsUri => new(BaseAddress, "oauth2/v3/certs");

    public Uri TokenUri => new(BaseAddress, "token");

    public Uri MetadataTokenUri => new(BaseAddress, "computeMetadata/v1/instance/service-accounts/default/token");

    /// <summary>The base URL for <c>gce_compute_endpoint</c>.</summary>
    public string ComputeEndpoint => BaseAddress.AbsoluteUri.TrimEnd('/');

    /// <summary>The JWKS answer's <c>Cache-Control: max-age</c>; null sends no Cache-Control.</summary>
    public TimeSpan? CertsMaxAge { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The <c>expires_in</c> of issued access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    /// <summary>The clock assertions are checked against.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>When true the token endpoint answers every request with 503.</summary>
    public bool TokenEndpointDown { get; set; }

    public int CertsRequests => _certsRequests;

    public int TokenRequests => _tokenRequests;

    public int MetadataTokenRequests => _metadataTokenRequests;

    public int ComputeRequests => _computeRequests;

    /// <summary>Instances per instances.list page (Compute's maxResults caps it too).</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>The query strings of the instances.get and instances.list requests, oldest first.</summary>
    public IReadOnlyCollection<string> ComputeQueries => _computeQueries;

    /// <summary>Why the token endpoint refused assertions, oldest first.</summary>
    public IReadOnlyCollection<string> AssertionFailures => _assertionFailures;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSockets(options => options.NoDelay = true);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/oauth2/v3/certs", Certs);
        _app.MapPost("/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        _app.MapGet("/computeMetadata/v1/instance/service-accounts/default/token", MetadataToken);
        _app.MapGet("/compute/v1/projects/{project}/zones/{zone}/instances/{instance}", ComputeGetAsync);
        _app.MapGet("/compute/v1/projects/{project}/zones/{zone}/instances", ComputeListAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>The keys the JWKS lists from now on (a rotation publishes the new key, later drops the old).</summary>
    public void PublishKeys(params TestGoogleSigner[] signers) => _published = signers;

    /// <summary>A service account whose assertions the token endpoint accepts.</summary>
    public void RegisterServiceAccount(TestServiceAccountKey key) =>
        _serviceAccounts[key.KeyId] = (key.Key.ExportParameters(false), key.ClientEmail);

    public void AddInstance(FakeGceInstance instance) => _instances[Key(instance.Project, instance.Zone, instance.Id)] = instance;

    public void DeleteInstance(FakeGceInstance instance) => _instances.TryRemove(Key(instance.Project, instance.Zone, instance.Id), out _);

    public void SetStatus(FakeGceInstance instance, string status) =>
        _instances.AddOrUpdate(Key(instance.Project, instance.Zone, instance.Id), _ => throw new KeyNotFoundException(instance.Id), (_, i) => i with { Status = status });

    /// <summary>Every access token issued so far stops working (Compute answers 401).</summary>
    public void RevokeIssuedTokens()
    {
        foreach (var token in _issuedTokens.Keys)
        {
            _issuedTokens[token] = false;
        }
    }

    /// <summary>The next <paramref name="count"/> instances.get requests get 429 RESOURCE_EXHAUSTED (rateLimitExceeded).</summary>
    public void ThrottleComputeNext(int count) => Interlocked.Exchange(ref _throttleComputeNext, count);

    /// <summary>The next <paramref name="count"/> instances.get requests get <paramref name="status"/> with Google's error envelope.</summary>
    public void FailComputeNext(int count, int status = 500)
    {
        _failComputeStatus = status;
        Interlocked.Exchange(ref _failComputeNext, count);
    }

    /// <summary>The next <paramref name="count"/> instances.get requests are answered only after <paramref name="delay"/>.</summary>
    public void StallComputeNext(int count, TimeSpan delay)
    {
        _stallFor = delay;
        Interlocked.Exchange(ref _stallComputeNext, count);
    }

    /// <summary>The next <paramref name="count"/> token requests (either endpoint) get 503.</summary>
    public void FailTokenNext(int count) => Interlocked.Exchange(ref _failTokenNext, count);

    /// <summary>The next <paramref name="count"/> JWKS requests get 503.</summary>
    public void FailCertsNext(int count) => Interlocked.Exchange(ref _failCertsNext, count);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private IResult Certs(HttpContext context)
    {
        Interlocked.Increment(ref _certsRequests);
        if (FaultCountdown.TakeOne(ref _failCertsNext))
        {
            return Results.StatusCode(503);
        }
        if (CertsMaxAge is { } maxAge)
        {
            context.Response.Headers.CacheControl = $"public, max-age={(long)maxAge.TotalSeconds}, must-revalidate, no-transform";
        }
        var keys = new JsonArray([.. _published.Select(signer => (JsonNode)signer.Jwk())]);
        return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json; charset=UTF-8");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (TokenEndpointDown || FaultCountdown.TakeOne(ref _failTokenNext))
        {
            return Results.StatusCode(503);
        }
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return OAuthError("unsupported_grant_type", "Invalid grant_type.");
        }
        if (CheckAssertion(form["assertion"].ToString()) is { } failure)
        {
            _assertionFailures.Enqueue(failure);
            return OAuthError("invalid_grant", failure);
        }
        return IssueToken(context);
    }

    private IResult MetadataToken(HttpContext context)
    {
        Interlocked.Increment(ref _metadataTokenRequests);
        if (FaultCountdown.TakeOne(ref _failTokenNext))
        {
            return Results.StatusCode(503);
        }
        if (context.Request.Headers["Metadata-Flavor"] != "Google")
        {
            return Results.StatusCode(403);
        }
        context.Response.Headers["Metadata-Flavor"] = "Google";
        return IssueToken(context);
    }

    private IResult IssueToken(HttpContext context)
    {
        var token = $"ya29.fake-{Interlocked.Increment(ref _tokenSequence)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        _issuedTokens[token] = true;
        return Results.Text(new JsonObject
        {
            ["access_token"] = token,
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        }.ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary>Google's checks of a service-account assertion; null when it holds, else why not.</summary>
    private string? CheckAssertion(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "assertion is not a JWS";
        }
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        if ((string?)header["alg"] != "RS256" || header["kid"] is null || !_serviceAccounts.TryGetValue((string)header["kid"]!, out var account))
        {
            return "Invalid JWT: unknown key or algorithm";
        }
        using var rsa = RSA.Create(account.Key);
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "Invalid JWT Signature.";
        }
        var now = Clock().ToUnixTimeSeconds();
        var iat = (long?)claims["iat"] ?? 0;
        var exp = (long?)claims["exp"] ?? 0;
        if ((string?)claims["iss"] != account.Email || (string?)claims["aud"] != TokenUri.AbsoluteUri)
        {
            return "Invalid JWT: iss or aud";
        }
        if (!((string?)claims["scope"] ?? "").Split(' ').Contains(ComputeReadOnlyScope))
        {
            return "Invalid JWT: scope";
        }
        if (exp - iat > 3600 || exp <= now || iat > now + 60)
        {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
        }
        return null;
    }

    private async Task ComputeGetAsync(HttpContext context, string project, string zone, string instance)
    {
        if (!await PassesAuthAndFaultsAsync(context, $"projects/{project}/zones/{zone}/instances/{instance}"))
        {
            return;
        }
        var found = _instances.Values.FirstOrDefault(i => i.Project == project && i.Zone == zone && i.Name == instance);
        if (found is null)
        {
            await GoogleError(context, 404, "NOT_FOUND", "notFound", $"The resource 'projects/{project}/zones/{zone}/instances/{instance}' was not found");
            return;
        }
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(InstanceJson(found).ToJsonString());
    }

    /// <summary>instances.list with a filter of <c>(id = "N")</c> terms joined by OR, as the describer sends it; pages of <see cref="ListPageSize"/>.</summary>
    private async Task ComputeListAsync(HttpContext context, string project, string zone)
    {
        if (!await PassesAuthAndFaultsAsync(context, $"projects/{project}/zones/{zone}/instances"))
        {
            return;
        }
        var filter = context.Request.Query["filter"].ToString();
        var terms = filter.Length == 0 ? [] : filter.Split(" OR ");
        var ids = terms.Select(term => IdTerm().Match(term)).ToList();
        if (ids.Any(match => !match.Success))
        {
            await GoogleError(context, 400, "INVALID_ARGUMENT", "invalid", $"Invalid value for field 'filter': '{filter}'. Invalid list filter expression.");
            return;
        }
        var wanted = ids.Select(match => match.Groups["id"].Value).ToHashSet(StringComparer.Ordinal);
        var matching = _instances.Values.Where(i => i.Project == project && i.Zone == zone && (wanted.Count == 0 || wanted.Contains(i.Id)))
            .OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var skip = int.TryParse(context.Request.Query["pageToken"], out var offset) ? offset : 0;
        var page = matching.Skip(skip).Take(ListPageSize).ToList();
        var answer = new JsonObject
        {
            ["kind"] = "compute#instanceList",
            ["items"] = new JsonArray([.. page.Select(i => (JsonNode)InstanceJson(i))]),
        };
        if (skip + page.Count < matching.Count)
        {
            answer["nextPageToken"] = (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>Counts the request, checks its bearer token and serves an armed fault; false when it answered already.</summary>
    private async Task<bool> PassesAuthAndFaultsAsync(HttpContext context, string resource)
    {
        Interlocked.Increment(ref _computeRequests);
        _computeQueries.Enqueue(context.Request.QueryString.Value ?? "");
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_issuedTokens.TryGetValue(authorization["Bearer ".Length..], out var valid) || !valid)
        {
            await GoogleError(context, 401, "UNAUTHENTICATED", "authError", "Request had invalid authentication credentials.");
            return false;
        }
        if (FaultCountdown.TakeOne(ref _stallComputeNext))
        {
            await Task.Delay(_stallFor, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return false;
            }
        }
        if (FaultCountdown.TakeOne(ref _throttleComputeNext))
        {
            await GoogleError(context, 429, "RESOURCE_EXHAUSTED", "rateLimitExceeded", "Quota exceeded for quota metric 'Read requests'.");
            return false;
        }
        if (FaultCountdown.TakeOne(ref _failComputeNext))
        {
            await GoogleError(context, _failComputeStatus, _failComputeStatus == 403 ? "PERMISSION_DENIED" : "INTERNAL",
                _failComputeStatus == 403 ? "forbidden" : "backendError", $"Required 'compute.instances.get' permission for '{resource}'");
            return false;
        }
        return true;
    }

    /// <summary>An Instance resource as Compute v1 writes it (more fields than the plugin asks for, as with no <c>fields</c> filter).</summary>
    public static JsonObject InstanceJson(FakeGceInstance instance)
    {
        var zoneUrl = $"https://www.googleapis.com/compute/v1/projects/{instance.Project}/zones/{instance.Zone}";
        var json = new JsonObject
        {
            ["kind"] = "compute#instance",
            ["id"] = instance.Id,
            ["creationTimestamp"] = instance.CreationTime.ToOffset(TimeSpan.FromHours(-8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = instance.Name,
            ["machineType"] = $"{zoneUrl}/machineTypes/e2-small",
            ["status"] = instance.Status,
            ["zone"] = zoneUrl,
            ["networkInterfaces"] = new JsonArray(new JsonObject
            {
                ["kind"] = "compute#networkInterface",
                ["network"] = $"https://www.googleapis.com/compute/v1/projects/{instance.Project}/global/networks/default",
                ["networkIP"] = instance.NetworkIp,
                ["name"] = "nic0",
            }),
            ["serviceAccounts"] = new JsonArray([.. instance.ServiceAccounts.Select(email => (JsonNode)new JsonObject
            {
                ["email"] = email,
                ["scopes"] = new JsonArray("https://www.googleapis.com/auth/cloud-platform"),
            })]),
            ["labels"] = new JsonObject([.. instance.Labels.Select(label => KeyValuePair.Create(label.Key, (JsonNode?)label.Value))]),
            ["selfLink"] = $"{zoneUrl}/instances/{instance.Name}",
        };
        if (instance.Hostname is not null)
        {
            json["hostname"] = instance.Hostname;
        }
        return json;
    }

    private static IResult OAuthError(string error, string description) =>
        Results.Text(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString(), "application/json; charset=utf-8", statusCode: 400);

    private static Task GoogleError(HttpContext context, int code, string status, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
                ["status"] = status,
            },
        }.ToJsonString());
    }

    [GeneratedRegex(@"^\(id = ""(?<id>[0-9]{1,20})""\)$")]
    private static partial Regex IdTerm();

    private static string Key(string project, string zone, string id) => $"{project}/{zone}/{id}";
}
