using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// Vault's HTTP API as the writer uses it: JSON in, JSON out, bounded, and every failure an
/// <see cref="UpstreamFailure"/> naming Vault, without the token. With several addresses a request goes to the node
/// that last served and moves on to the next when a node is unreachable or cannot serve.
/// </summary>
internal sealed class VaultApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly VaultNodes nodes;
    private readonly string? serverName;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private DateTimeOffset? tokenExpiresAt;

    public VaultApiClient(VaultConnectionSettings settings, VaultHttpOptions options)
    {
        nodes = new VaultNodes(VaultTransport.ParseAddresses(settings.Address));
        http = VaultTransport.Create(settings, options);
        // SocketsHttpHandler takes the TLS target host (SNI and name check) from the Host header.
        serverName = string.IsNullOrEmpty(settings.TlsServerName) ? null : settings.TlsServerName;
        timeout = options.RequestTimeout;
        time = options.Time;
        Failure = new VaultFailure(settings.Token);
    }

    public VaultFailure Failure { get; }

    /// <summary>
    /// What lookup-self or renew-self last said about the token's end (null: never expires): tells an expired token
    /// from a revoked one when Vault answers 403 to both.
    /// </summary>
    public void TokenSeen(TimeSpan ttl)
    {
        lock (http)
        {
            tokenExpiresAt = ttl > TimeSpan.Zero ? time.GetUtcNow() + ttl : null;
        }
    }

    /// <summary>The object's <c>data</c>, or null when Vault answers 404.</summary>
    public async Task<JsonObject?> ReadAsync(VaultApiPath path, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (status == 404)
        {
            return null;
        }

        if (status != 200)
        {
            throw await FailureOfAsync($"GET {path}", path, status, body, cancellationToken).ConfigureAwait(false);
        }

        return body?["data"] as JsonObject ?? throw Failure.Malformed($"GET {path}", "a data object");
    }

    public async Task WriteAsync(VaultApiPath path, JsonNode content, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Put, path, content, cancellationToken).ConfigureAwait(false);
        if (status is not (200 or 204))
        {
            throw await FailureOfAsync($"PUT {path}", path, status, body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes; false when Vault says it was not there.</summary>
    public async Task<bool> DeleteAsync(VaultApiPath path, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        if (status == 404)
        {
            return false;
        }

        if (status is not (200 or 204))
        {
            throw await FailureOfAsync($"DELETE {path}", path, status, body, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<JsonObject> PostAsync(VaultApiPath path, JsonNode content, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, path, content, cancellationToken).ConfigureAwait(false);
        if (status != 200)
        {
            throw await FailureOfAsync($"POST {path}", path, status, body, cancellationToken).ConfigureAwait(false);
        }

        return body as JsonObject ?? throw Failure.Malformed($"POST {path}", "a JSON object");
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// Vault answers 403 both to a token that no longer exists and to one lacking a capability; lookup-self, which
    /// every valid token may call, tells them apart, and the last known TTL tells expired from revoked.
    /// </summary>
    private async Task<UpstreamFailure> FailureOfAsync(string operation, VaultApiPath path, int status, JsonNode? body, CancellationToken cancellationToken)
    {
        if (status != 403)
        {
            return Failure.FromReply(operation, status, body);
        }

        if (path != VaultApiPath.LookupSelf)
        {
            int probe;
            try
            {
                (probe, _) = await SendAsync(HttpMethod.Get, VaultApiPath.LookupSelf, null, cancellationToken).ConfigureAwait(false);
            }
            catch (UpstreamFailure)
            {
                return Failure.FromReply(operation, status, body);
            }
            if (probe != 403)
            {
                return Failure.FromReply(operation, status, body);
            }
        }
        bool expired;
        lock (http)
        {
            expired = tokenExpiresAt is { } end && end <= time.GetUtcNow();
        }
        return Failure.WriterToken(expired ? UpstreamProblem.WriterTokenExpired : UpstreamProblem.WriterTokenRevoked, operation);
    }

    /// <summary>The answer of the first node that can serve, trying each address once; a servable answer may still be an error.</summary>
    private async Task<(int Status, JsonNode? Body)> SendAsync(
        HttpMethod method, VaultApiPath path, JsonNode? content, CancellationToken cancellationToken)
    {
        var operation = $"{method.Method} {path}";
        var failures = new List<UpstreamFailure>();
        foreach (var index in nodes.InTryOrder())
        {
            var address = nodes[index];
            var (failure, status, body) = await SendToAsync(address, method, path, content, operation, cancellationToken).ConfigureAwait(false);
            failure ??= VaultNodes.CannotServe(status, body) ? Failure.CannotServe(operation, address, status, body) : null;
            if (failure is null)
            {
                nodes.Served(index);
                return (status, body);
            }
            failures.Add(failure);
        }
        throw Failure.NoNodeServed(operation, failures);
    }

    private async Task<(UpstreamFailure? Failure, int Status, JsonNode? Body)> SendToAsync(
        Uri address, HttpMethod method, VaultApiPath path, JsonNode? content, string operation, CancellationToken cancellationToken)
    {
        // Concatenation, not Uri combination: the escaped path can only ever extend the /v1/ base.
        using var request = new HttpRequestMessage(method, new Uri(address.AbsoluteUri + path.Escaped, UriKind.Absolute));
        if (content is not null)
        {
            request.Content = new StringContent(content.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (serverName is not null)
        {
            request.Headers.Host = serverName;
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return (null, (int)response.StatusCode, ParseOrNull(bytes));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && e.InnerException is TimeoutException)
        {
            return (Failure.NoAnswer(operation, address, timeout), 0, null);
        }
        catch (HttpRequestException e)
        {
            return (Failure.Unreachable(operation, address, e), 0, null);
        }
    }

    // Error bodies from proxies in front of Vault are often HTML; the status still tells what happened.
    private static JsonNode? ParseOrNull(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
