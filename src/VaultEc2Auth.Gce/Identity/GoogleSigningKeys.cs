using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Gce.Instances;

namespace VaultEc2Auth.Gce.Identity;

/// <summary>
/// Google's published token-signing keys (a JWKS, docs/gce.md "Signing keys"), fetched once and reused for as long
/// as the answer's <c>Cache-Control: max-age</c> allows. A token naming a <c>kid</c> the cached set lacks (Google
/// rotated its keys) triggers one refetch, but at most one per <see cref="MinRefetchInterval"/>: random kids from
/// an attacker cannot turn logins into requests to Google. Concurrent logins share one fetch.
/// </summary>
internal sealed class GoogleSigningKeys(HttpClient http, TimeProvider time)
{
    /// <summary>The fewest seconds between two fetches of one endpoint, whatever max-age and unknown kids say.</summary>
    public static readonly TimeSpan MinRefetchInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long a set without max-age is used.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>Never longer than this, so a key Google withdrew stops verifying within a day whatever the header says.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>Google's JWKS is a few KiB.</summary>
    private const int MaxResponseBytes = 64 * 1024;

    /// <summary>Google signs with 2048-bit keys; fewer bits are not Google's, more than 8192 only cost CPU.</summary>
    private const int MinModulusBytes = 256;
    private const int MaxModulusBytes = 1024;

    private readonly ConcurrentDictionary<string, KeySet> _sets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fetching = new(1, 1);

    /// <summary>The public key <paramref name="kid"/> names, or null when Google does not publish it.</summary>
    public async Task<RSAParameters?> FindAsync(Uri endpoint, string kid, CancellationToken cancellationToken)
    {
        if (Lookup(endpoint, kid, out var key))
        {
            return key;
        }
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another login may have fetched while this one waited.
            if (Lookup(endpoint, kid, out key))
            {
                return key;
            }
            var fetched = await FetchAsync(endpoint, cancellationToken).ConfigureAwait(false);
            _sets[endpoint.AbsoluteUri] = fetched;
            return fetched.Keys.TryGetValue(kid, out var found) ? found : null;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>True with the key when the cached set is fresh and has it; true with null when the kid is unknown but refetching now is not allowed.</summary>
    private bool Lookup(Uri endpoint, string kid, out RSAParameters? key)
    {
        key = null;
        if (!_sets.TryGetValue(endpoint.AbsoluteUri, out var set))
        {
            return false;
        }
        var now = time.GetUtcNow();
        if (now >= set.Expires)
        {
            return false;
        }
        if (set.Keys.TryGetValue(kid, out var found))
        {
            key = found;
            return true;
        }
        return now - set.Fetched < MinRefetchInterval;
    }

    private async Task<KeySet> FetchAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(endpoint, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new UpstreamFailure(Upstream.GoogleCerts, UpstreamProblem.Unavailable, "Google certificates: endpoint unreachable",
                $"Google certificates: GET {endpoint.GetLeftPart(UriPartial.Path)} failed: {error.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamFailure(Upstream.GoogleCerts, UpstreamProblem.Unavailable, "Google certificates: request timed out");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var transient = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
                throw new UpstreamFailure(Upstream.GoogleCerts, transient ? UpstreamProblem.Unavailable : UpstreamProblem.Failed,
                    $"Google certificates: fetching the signing keys failed with HTTP {status}",
                    $"Google certificates: GET {endpoint.GetLeftPart(UriPartial.Path)} answered HTTP {status}");
            }
            var body = await GoogleResponses.ReadBoundedAsync(response, MaxResponseBytes, cancellationToken).ConfigureAwait(false)
                ?? throw Malformed($"the answer is larger than {MaxResponseBytes} bytes");
            var keys = ParseKeys(body);
            var now = time.GetUtcNow();
            return new KeySet(keys, now, now + LifetimeOf(response));
        }
    }

    /// <summary>max-age as Google sends it (about six hours), within [<see cref="MinRefetchInterval"/>, <see cref="MaxLifetime"/>].</summary>
    private static TimeSpan LifetimeOf(HttpResponseMessage response)
    {
        var control = response.Headers.CacheControl;
        var lifetime = control switch
        {
            { NoStore: true } or { NoCache: true } => TimeSpan.Zero,
            { MaxAge: { } maxAge } => maxAge,
            _ => DefaultLifetime,
        };
        return lifetime < MinRefetchInterval ? MinRefetchInterval : lifetime > MaxLifetime ? MaxLifetime : lifetime;
    }

    /// <summary>The RS256 signing keys of the set; a set without one is a failure, entries of other kinds are skipped.</summary>
    private static Dictionary<string, RSAParameters> ParseKeys(byte[] body)
    {
        JsonWebKeySet? set;
        try
        {
            set = JsonSerializer.Deserialize(body, GceIdentityJsonContext.Default.JsonWebKeySet);
        }
        catch (JsonException)
        {
            throw Malformed("the answer is not a JSON Web Key Set");
        }
        var keys = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        foreach (var key in set?.Keys ?? [])
        {
            if (key is not { Kty: "RSA", Kid: { Length: > 0 and <= GceIdentityTokenVerifier.MaxKidLength } kid, N: { } n, E: { } e }
                || key.Alg is not (null or "RS256") || key.Use is not (null or "sig"))
            {
                continue;
            }
            var modulus = DecodeUnsigned(n);
            var exponent = DecodeUnsigned(e);
            if (modulus is not { Length: >= MinModulusBytes and <= MaxModulusBytes } || exponent is not { Length: > 0 and <= 8 })
            {
                continue;
            }
            keys[kid] = new RSAParameters { Modulus = modulus, Exponent = exponent };
        }
        if (keys.Count == 0)
        {
            throw Malformed("the set has no RS256 signing key");
        }
        return keys;
    }

    /// <summary>A base64url big-endian unsigned integer without leading zero bytes (RFC 7518 §6.3.1), or null.</summary>
    private static byte[]? DecodeUnsigned(string value)
    {
        try
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(value);
            var start = 0;
            while (start < bytes.Length - 1 && bytes[start] == 0)
            {
                start++;
            }
            return bytes[start..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static UpstreamFailure Malformed(string why) =>
        new(Upstream.GoogleCerts, UpstreamProblem.Failed, $"Google certificates: {why}");

    private sealed record KeySet(IReadOnlyDictionary<string, RSAParameters> Keys, DateTimeOffset Fetched, DateTimeOffset Expires);
}
