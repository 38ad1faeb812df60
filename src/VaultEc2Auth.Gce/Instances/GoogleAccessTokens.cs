using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>
/// The OAuth2 access token the describer sends to Compute (docs/gce.md "Access token"): with <c>gce_credentials</c>
/// a service-account assertion (RS256 JWT, RFC 7523) exchanged at the key's <c>token_uri</c>; without, the
/// metadata server's token for the instance Vault runs on. One token is cached until shortly before it expires,
/// tagged with a hash of the key it came from, so a changed key never reuses it. Concurrent callers share one request.
/// </summary>
internal sealed class GoogleAccessTokens(HttpClient http, HttpClient metadataHttp, Uri metadataTokenUri, TimeProvider time, Func<int, TimeSpan> backoff)
{
    public const string ComputeReadOnlyScope = "https://www.googleapis.com/auth/compute.readonly";

    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public static readonly Uri DefaultMetadataTokenUri = new("http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token");

    /// <summary>A token is replaced this long before Google says it expires, so none expires on its way to Compute.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    /// <summary>Google accepts assertions that live at most an hour.</summary>
    public static readonly TimeSpan AssertionLifetime = TimeSpan.FromHours(1);

    private const int MaxResponseBytes = 64 * 1024;
    private const int MaxAccessTokenLength = 4096;
    private const string MetadataCacheKey = "metadata";

    private readonly SemaphoreSlim _requesting = new(1, 1);
    private CachedToken? _cached;

    public async Task<string> GetAsync(CloudClientSettings settings, CancellationToken cancellationToken)
    {
        var cacheKey = CacheKeyOf(settings.GceCredentials);
        if (Fresh(cacheKey) is { } token)
        {
            return token;
        }
        await _requesting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(cacheKey) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }
            var retries = GoogleResponses.RetriesFor(settings);
            var (accessToken, lifetime) = settings.GceCredentials is { Length: > 0 } credentials
                ? await FromServiceAccountAsync(ServiceAccountKey.Parse(credentials), retries, cancellationToken).ConfigureAwait(false)
                : await FromMetadataServerAsync(retries, cancellationToken).ConfigureAwait(false);
            var refreshIn = lifetime > 2 * RefreshMargin ? lifetime - RefreshMargin : lifetime / 2;
            Volatile.Write(ref _cached, new CachedToken(cacheKey, accessToken, time.GetUtcNow() + refreshIn));
            return accessToken;
        }
        finally
        {
            _requesting.Release();
        }
    }

    /// <summary>Compute refused <paramref name="token"/> (401): the next call fetches a new one.</summary>
    public void Invalidate(string token)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && cached.Token == token)
        {
            Interlocked.CompareExchange(ref _cached, null, cached);
        }
    }

    private string? Fresh(string cacheKey)
    {
        var cached = Volatile.Read(ref _cached);
        return cached is not null && cached.Key == cacheKey && time.GetUtcNow() < cached.RefreshAt ? cached.Token : null;
    }

    /// <summary>A hash, not the key: the cache must tell keys apart without holding a second copy of the secret.</summary>
    private static string CacheKeyOf(string? credentials) =>
        string.IsNullOrEmpty(credentials) ? MetadataCacheKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)));

    private Task<(string, TimeSpan)> FromServiceAccountAsync(ServiceAccountKey key, int retries, CancellationToken cancellationToken) =>
        RequestAsync(http, () =>
        {
            var form = new FormUrlEncodedContent([
                new("grant_type", JwtBearerGrant),
                new("assertion", SignAssertion(key, time.GetUtcNow())),
            ]);
            return new HttpRequestMessage(HttpMethod.Post, key.TokenUri) { Content = form };
        }, metadata: false, retries, cancellationToken);

    private Task<(string, TimeSpan)> FromMetadataServerAsync(int retries, CancellationToken cancellationToken) =>
        RequestAsync(metadataHttp, () =>
        {
            // Scoped down to what the describer needs: the VM's own token often carries cloud-platform.
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(metadataTokenUri, "?scopes=" + Uri.EscapeDataString(ComputeReadOnlyScope)));
            request.Headers.TryAddWithoutValidation("Metadata-Flavor", "Google");
            return request;
        }, metadata: true, retries, cancellationToken);

    private static string SignAssertion(ServiceAccountKey key, DateTimeOffset now)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new AssertionHeader("RS256", "JWT", key.PrivateKeyId), ComputeJsonContext.Default.AssertionHeader);
        var claims = JsonSerializer.SerializeToUtf8Bytes(
            new AssertionClaims(key.ClientEmail, ComputeReadOnlyScope, key.TokenUri.OriginalString, now.ToUnixTimeSeconds(), (now + AssertionLifetime).ToUnixTimeSeconds()),
            ComputeJsonContext.Default.AssertionClaims);
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        using var rsa = key.CreateSigner();
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(
        HttpClient client, Func<HttpRequestMessage> build, bool metadata, int retries, CancellationToken cancellationToken)
    {
        var source = metadata ? "the metadata server's token" : "the token endpoint";
        for (var attempt = 0; ; attempt++)
        {
            UpstreamFailure failure;
            try
            {
                using var request = build();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var body = await GoogleResponses.ReadBoundedAsync(response, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                var answer = Parse(body);
                if (response.IsSuccessStatusCode)
                {
                    if (metadata && !IsFromMetadataServer(response))
                    {
                        throw Failed($"Google OAuth2: {source} did not come from the GCE metadata server");
                    }
                    return Accept(answer, source);
                }
                failure = Refusal(response.StatusCode, answer, source);
                if (!IsTransient(response.StatusCode))
                {
                    throw failure;
                }
            }
            catch (HttpRequestException error) when (metadata && error.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
            {
                throw new UpstreamFailure(Upstream.GoogleOAuth, UpstreamProblem.NotConfigured,
                    "Google OAuth2: config/client has no gce_credentials and the GCE metadata server cannot be reached (Vault is not on GCE)");
            }
            catch (HttpRequestException error)
            {
                failure = new UpstreamFailure(Upstream.GoogleOAuth, UpstreamProblem.Unavailable, $"Google OAuth2: {source} is unreachable",
                    $"Google OAuth2: {source} is unreachable ({error.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new UpstreamFailure(Upstream.GoogleOAuth, UpstreamProblem.Unavailable, $"Google OAuth2: {source} timed out");
            }
            if (attempt >= retries)
            {
                throw failure;
            }
            await Task.Delay(backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The metadata server marks its answers; anything else listening at that name is not it.</summary>
    private static bool IsFromMetadataServer(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Metadata-Flavor", out var flavor) && flavor.FirstOrDefault() == "Google";

    private static AccessTokenResponse? Parse(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(body, ComputeJsonContext.Default.AccessTokenResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string, TimeSpan) Accept(AccessTokenResponse? answer, string source)
    {
        if (answer is not { AccessToken: { Length: > 0 and <= MaxAccessTokenLength } token, ExpiresIn: > 0 and <= 86_400 and var expiresIn }
            || !token.All(c => c is > ' ' and <= '~')
            || answer.TokenType is not null && !string.Equals(answer.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Failed($"Google OAuth2: {source} answered without a usable bearer token");
        }
        return (token, TimeSpan.FromSeconds(expiresIn));
    }

    /// <summary>Google's error code (<c>invalid_grant</c>) for anyone; its description only in the detail.</summary>
    private static UpstreamFailure Refusal(HttpStatusCode status, AccessTokenResponse? answer, string source)
    {
        var code = GoogleResponses.IsShortCode(answer?.Error) ? answer!.Error : null;
        var message = $"Google OAuth2: {source} refused the request: HTTP {(int)status}{(code is null ? "" : " " + code)}";
        var detail = answer?.ErrorDescription is { Length: > 0 } description ? $"{message}: {Truncate(description)}" : message;
        return new UpstreamFailure(Upstream.GoogleOAuth, IsTransient(status) ? UpstreamProblem.Unavailable : UpstreamProblem.Failed, message, detail);
    }

    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    internal static string Truncate(string text) => text.Length <= 256 ? text : text[..256] + "…";

    private static UpstreamFailure Failed(string message) => new(Upstream.GoogleOAuth, UpstreamProblem.Failed, message);

    private sealed record CachedToken(string Key, string Token, DateTimeOffset RefreshAt);
}
