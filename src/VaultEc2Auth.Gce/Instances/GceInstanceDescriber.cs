using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>
/// Looks GCE instances up in Compute Engine (docs/gce.md "Compute") with an OAuth2 bearer token
/// (<see cref="GoogleAccessTokens"/>): one instance by <c>instances.get</c> (by name, as the API documents it), a
/// batch of states by <c>instances.list</c> filtered on their ids. Throttling and unavailability are retried with
/// bounded backoff. It reports what Compute says; whether that agrees with the token (id, creation time, service
/// account) is the domain's check. The <see cref="AccountStsRole"/> argument is an AWS notion and is ignored.
/// </summary>
public sealed class GceInstanceDescriber : IInstanceDescriber, IDisposable
{
    public const string DefaultComputeEndpoint = "https://compute.googleapis.com";

    /// <summary>The most ids one <c>instances.list</c> filter names (the tidy's batch_size is at most this).</summary>
    public const int MaxIdsPerCall = 100;

    /// <summary>Partial response (Google's <c>fields</c> parameter): only what is read, never the instance's metadata items.</summary>
    internal const string InstanceFields = "id,name,zone,status,creationTimestamp,hostname,labels,serviceAccounts(email),networkInterfaces(networkIP)";

    internal const string ListFields = "items(id,status),nextPageToken";

    /// <summary>With the fields filters an answer is a few KiB; labels and interfaces are bounded by GCE.</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    /// <summary>100 ids fit one page of 500; more pages than this is not an answer to that filter.</summary>
    private const int MaxPages = 5;

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

    /// <summary>
    /// The instance the token names, by its project, zone and name. Throws <see cref="Refused"/> ("unknown
    /// instance") when Compute does not know it (deleted), <see cref="UpstreamFailure"/> naming Compute or Google
    /// OAuth2 otherwise.
    /// </summary>
    public async Task<InstanceFacts> DescribeAsync(
        VerifiedDocument document, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        var project = document.AccountId;
        var zone = document.AvailabilityZone;
        var name = document.InstanceName;
        if (!GceIdentifierRules.IsValidProjectId(project) || !GceIdentifierRules.IsValidZone(zone) || !GceIdentifierRules.IsValidInstanceName(name))
        {
            throw new InvalidInput("the identity names a malformed GCE project, zone or instance name");
        }
        var uri = new Uri(ComputeEndpoint(settings), $"compute/v1/projects/{project}/zones/{zone}/instances/{name}?fields={Uri.EscapeDataString(InstanceFields)}");
        var instance = await GetAsync(uri, "instances.get", ComputeJsonContext.Default.ComputeInstance, settings, cancellationToken).ConfigureAwait(false)
            ?? throw new Refused("unknown instance");
        return InstanceFactsMapping.From(project, zone!, instance);
    }

    /// <summary>
    /// For GCE <paramref name="accountId"/> is the project and <paramref name="region"/> the zone the instances were
    /// recorded in: Compute lists instances by zone. One <c>instances.list</c> call (more only when Compute pages)
    /// filtered on the ids; an id Compute does not list (deleted) is absent from the result.
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
            throw new ArgumentException("GCE instances are listed by zone, not region", nameof(region));
        }
        var wanted = instanceIds.Where(GceIdentifierRules.IsValidInstanceId).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count > MaxIdsPerCall)
        {
            throw new ArgumentException($"at most {MaxIdsPerCall} instance ids per instances.list call", nameof(instanceIds));
        }
        var states = new Dictionary<string, InstanceState>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return states;
        }
        // Compute's filter syntax: parenthesised expressions joined by OR; ids are compared as strings.
        var filter = string.Join(" OR ", wanted.Order(StringComparer.Ordinal).Select(id => $"(id = \"{id}\")"));
        var baseQuery = $"compute/v1/projects/{accountId}/zones/{region}/instances?maxResults=500&fields={Uri.EscapeDataString(ListFields)}&filter={Uri.EscapeDataString(filter)}";
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var uri = new Uri(ComputeEndpoint(settings), pageToken is null ? baseQuery : $"{baseQuery}&pageToken={Uri.EscapeDataString(pageToken)}");
            // A 404 here is a project or zone Compute does not know, not a verdict on the instances: a failure, so the
            // tidy keeps them rather than deleting a fleet over a wrong endpoint.
            var list = await GetAsync(uri, "instances.list", ComputeJsonContext.Default.ComputeInstanceList, settings, cancellationToken).ConfigureAwait(false)
                ?? throw new UpstreamFailure(Upstream.Compute, UpstreamProblem.Failed, $"Compute Engine: instances.list found no zone {region} in project {accountId}");
            foreach (var instance in list.Items ?? [])
            {
                if (instance.Id is { } id && wanted.Contains(id))
                {
                    states[id] = ComputeStatus.StateOf(instance.Status);
                }
            }
            pageToken = list.NextPageToken;
            if (string.IsNullOrEmpty(pageToken))
            {
                return states;
            }
        }
        throw new UpstreamFailure(Upstream.Compute, UpstreamProblem.Failed, $"Compute Engine: instances.list answered more than {MaxPages} pages for {wanted.Count} ids");
    }

    public void Dispose()
    {
        _ownedHttp?.Dispose();
        _ownedMetadataHttp?.Dispose();
    }

    /// <summary>The answer, or null when Compute says 404.</summary>
    private async Task<T?> GetAsync<T>(Uri uri, string operation, JsonTypeInfo<T> type, CloudClientSettings settings, CancellationToken cancellationToken)
        where T : class
    {
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
                    return Parse(body, type, operation);
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
                failure = Refusal(operation, response.StatusCode, body, attempt + 1);
                if (!GoogleAccessTokens.IsTransient(response.StatusCode))
                {
                    throw failure;
                }
            }
            catch (HttpRequestException error)
            {
                failure = new UpstreamFailure(Upstream.Compute, UpstreamProblem.Unavailable, "Compute Engine: endpoint unreachable",
                    $"Compute Engine: {operation} at {uri.Host} unreachable ({error.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new UpstreamFailure(Upstream.Compute, UpstreamProblem.Unavailable, $"Compute Engine: {operation} timed out");
            }
            if (attempt >= retries)
            {
                throw failure;
            }
            await Task.Delay(_backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The base URL with a trailing slash, so the API path is appended to it rather than replacing its last segment.</summary>
    private static Uri ComputeEndpoint(CloudClientSettings settings)
    {
        var endpoint = GoogleEndpoints.Resolve(settings.GceComputeEndpoint, DefaultComputeEndpoint, "gce_compute_endpoint", Upstream.Compute);
        return endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    private static T Parse<T>(byte[]? body, JsonTypeInfo<T> type, string operation)
        where T : class
    {
        try
        {
            if (body is not null && JsonSerializer.Deserialize(body, type) is { } parsed)
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
            // Reported below as a malformed answer.
        }
        throw new UpstreamFailure(Upstream.Compute, UpstreamProblem.Failed, $"Compute Engine: {operation} answered with malformed JSON");
    }

    /// <summary>Google's status (<c>PERMISSION_DENIED</c>) for anyone; Google's message, which may name resources, only in the detail.</summary>
    private static UpstreamFailure Refusal(string operation, HttpStatusCode status, byte[]? body, int attempts)
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
            ? $"Compute Engine: {operation} throttled or unavailable after {attempts} attempts: HTTP {(int)status}{(code is null ? "" : " " + code)}"
            : $"Compute Engine: {operation} failed: HTTP {(int)status}{(code is null ? "" : " " + code)}";
        var detail = error?.Message is { Length: > 0 } text ? $"{message}: {GoogleAccessTokens.Truncate(text)}" : message;
        return new UpstreamFailure(Upstream.Compute, transient ? UpstreamProblem.Unavailable : UpstreamProblem.Failed, message, detail);
    }
}
