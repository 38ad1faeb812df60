using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>
/// Looks a GCE instance up with Compute Engine <c>instances.get</c> (docs/gce.md "Compute") in the token's project
/// and zone, with an OAuth2 bearer token (<see cref="GoogleAccessTokens"/>). Throttling and unavailability are
/// retried with bounded backoff. It reports what Compute says; whether that agrees with the token is the domain's
/// check. The <see cref="AccountStsRole"/> argument is an AWS notion and is ignored.
/// </summary>
public sealed class GceInstanceDescriber : IInstanceDescriber, IDisposable
{
    public const string DefaultComputeEndpoint = "https://compute.googleapis.com";

    /// <summary>Partial response (Google's <c>fields</c> parameter): only what is read, never the instance's metadata items.</summary>
    internal const string Fields = "id,name,zone,status,creationTimestamp,hostname,labels,serviceAccounts(email),networkInterfaces(networkIP)";

    /// <summary>With <see cref="Fields"/> an answer is a few KiB; labels and interfaces are bounded by GCE.</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly HttpClient? _ownedHttp;
    private readonly HttpClient? _ownedMetadataHttp;
    private readonly GoogleAccessTokens _tokens;
    private readonly TimeProvider _time;
    private readonly Func<int, TimeSpan> _backoff;

    public GceInstanceDescriber()
        : this(null, TimeProvider.System, null, null)
    {
    }

    /// <param name="http">Client for Compute and the token endpoint (and, in tests, the metadata server); owned when null.</param>
    /// <param name="time">Clock for token expiry and backoff.</param>
    /// <param name="metadataTokenUri">The metadata server's token URL; tests point it at a fake.</param>
    /// <param name="backoff">Wait before retry n; full jitter when null.</param>
    internal GceInstanceDescriber(HttpClient? http, TimeProvider time, Uri? metadataTokenUri, Func<int, TimeSpan>? backoff)
    {
        _time = time;
        _backoff = backoff ?? GoogleResponses.FullJitterBackoff;
        if (http is null)
        {
            _ownedHttp = GoogleHttpClients.Create();
            _ownedMetadataHttp = GoogleHttpClients.CreateForMetadata();
        }
        _http = http ?? _ownedHttp!;
        _tokens = new GoogleAccessTokens(_http, http ?? _ownedMetadataHttp!, metadataTokenUri ?? GoogleAccessTokens.DefaultMetadataTokenUri, time, _backoff);
    }

    public async Task<InstanceFacts> DescribeAsync(
        VerifiedDocument document, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        var project = document.AccountId;
        var zone = document.AvailabilityZone;
        if (!GceIdentifierRules.IsValidProjectId(project) || !GceIdentifierRules.IsValidZone(zone) || !GceIdentifierRules.IsValidInstanceId(document.InstanceId))
        {
            throw new InvalidInput("the identity names a malformed GCE project, zone or instance id");
        }
        var instance = await GetAsync(project, zone!, document.InstanceId, settings, cancellationToken).ConfigureAwait(false)
            ?? throw new Refused("unknown instance");
        return InstanceFactsMapping.From(project, zone!, instance);
    }

    /// <summary>
    /// For GCE <paramref name="accountId"/> is the project and <paramref name="region"/> the zone the instances were
    /// recorded in: Compute addresses instances by zone. One <c>instances.get</c> per id, in turn; an id Compute does
    /// not know (404: deleted) is absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, InstanceState>> DescribeStatesAsync(
        string accountId, string region, IReadOnlyList<string> instanceIds, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        ArgumentNullException.ThrowIfNull(settings);
        if (!GceIdentifierRules.IsValidProjectId(accountId))
        {
            throw new ArgumentException("not a GCE project id", nameof(accountId));
        }
        if (!GceIdentifierRules.IsValidZone(region))
        {
            throw new ArgumentException("GCE instances are described by zone, not region", nameof(region));
        }
        var states = new Dictionary<string, InstanceState>(StringComparer.Ordinal);
        foreach (var id in instanceIds.Distinct(StringComparer.Ordinal))
        {
            if (!GceIdentifierRules.IsValidInstanceId(id))
            {
                continue;
            }
            if (await GetAsync(accountId, region, id, settings, cancellationToken).ConfigureAwait(false) is { } instance)
            {
                states[id] = ComputeStatus.StateOf(instance.Status);
            }
        }
        return states;
    }

    public void Dispose()
    {
        _ownedHttp?.Dispose();
        _ownedMetadataHttp?.Dispose();
    }

    /// <summary>The instance, or null when Compute says it does not exist.</summary>
    private async Task<ComputeInstance?> GetAsync(string project, string zone, string instanceId, CloudClientSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = ComputeEndpoint(settings);
        var uri = new Uri(endpoint, $"compute/v1/projects/{project}/zones/{zone}/instances/{instanceId}?fields={Uri.EscapeDataString(Fields)}");
        var retries = GoogleResponses.RetriesFor(settings);
        var renewedToken = false;
        for (var attempt = 0; ; attempt++)
        {
            var token = await _tokens.GetAsync(settings, cancellationToken).ConfigureAwait(false);
            UpstreamFailure failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var body = await GoogleResponses.ReadBoundedAsync(response, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return ParseInstance(body);
                }
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }
                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewedToken)
                {
                    // The token was revoked or expired early: one more try with a fresh one.
                    _tokens.Invalidate(token);
                    renewedToken = true;
                    attempt--;
                    continue;
                }
                failure = Refusal(response.StatusCode, body, attempt + 1);
                if (!GoogleAccessTokens.IsTransient(response.StatusCode))
                {
                    throw failure;
                }
            }
            catch (HttpRequestException error)
            {
                failure = new UpstreamFailure(Upstream.Compute, UpstreamProblem.Unavailable, "Compute Engine: endpoint unreachable",
                    $"Compute Engine: instances.get at {endpoint.Host} unreachable ({error.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new UpstreamFailure(Upstream.Compute, UpstreamProblem.Unavailable, "Compute Engine: instances.get timed out");
            }
            if (attempt >= retries)
            {
                throw failure;
            }
            await Task.Delay(_backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Uri ComputeEndpoint(CloudClientSettings settings)
    {
        var text = string.IsNullOrEmpty(settings.GceComputeEndpoint) ? DefaultComputeEndpoint : settings.GceComputeEndpoint;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    private static ComputeInstance ParseInstance(byte[]? body)
    {
        try
        {
            if (body is not null && JsonSerializer.Deserialize(body, ComputeJsonContext.Default.ComputeInstance) is { } instance)
            {
                return instance;
            }
        }
        catch (JsonException)
        {
            // Reported below as a malformed answer.
        }
        throw new UpstreamFailure(Upstream.Compute, UpstreamProblem.Failed, "Compute Engine: instances.get answered with malformed JSON");
    }

    /// <summary>Google's status (<c>PERMISSION_DENIED</c>) for anyone; Google's message, which may name resources, only in the detail.</summary>
    private static UpstreamFailure Refusal(HttpStatusCode status, byte[]? body, int attempts)
    {
        GoogleError? error = null;
        try
        {
            error = body is null ? null : JsonSerializer.Deserialize(body, ComputeJsonContext.Default.GoogleErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            // Not Google's envelope (a proxy's page): the HTTP status alone is reported.
        }
        var code = new[] { error?.Status, error?.Errors?.FirstOrDefault()?.Reason }.FirstOrDefault(GoogleResponses.IsShortCode);
        var transient = GoogleAccessTokens.IsTransient(status);
        var message = transient
            ? $"Compute Engine: instances.get throttled or unavailable after {attempts} attempts: HTTP {(int)status}{(code is null ? "" : " " + code)}"
            : $"Compute Engine: instances.get failed: HTTP {(int)status}{(code is null ? "" : " " + code)}";
        var detail = error?.Message is { Length: > 0 } text ? $"{message}: {GoogleAccessTokens.Truncate(text)}" : message;
        return new UpstreamFailure(Upstream.Compute, transient ? UpstreamProblem.Unavailable : UpstreamProblem.Failed, message, detail);
    }
}
