using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// The role ARN behind an instance profile, via IAM GetInstanceProfile built as a signed Query request (the IAM
/// SDK package is not available). Exactly one role is required, as Vault requires.
/// </summary>
internal sealed class IamRoleResolver(HttpClient http, TimeProvider time, Func<int, TimeSpan> backoff)
{
    /// <summary>
    /// How long a profile → role answer is reused. Instances of one fleet share a profile and log in together
    /// (boot storms throttle IAM), while an operator who re-points a profile expects it to apply within a minute.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Matches the SDK's standard retry mode (three attempts) when config/client max_retries is -1.</summary>
    private const int DefaultRetries = 2;

    private const int MaxResponseChars = 1024 * 1024;
    private static readonly XNamespace Iam = "https://iam.amazonaws.com/doc/2010-05-08/";

    private readonly ConcurrentDictionary<string, (string RoleArn, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public void Clear() => _cache.Clear();

    public async Task<string> ResolveRoleArnAsync(
        string profileArn, string documentRegion, CloudClientSettings settings, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(profileArn, out var cached) && cached.Expires > now)
        {
            return cached.RoleArn;
        }
        var profileName = profileArn[(profileArn.LastIndexOf('/') + 1)..];
        if (profileName.Length == 0 || !profileArn.Contains(":instance-profile/", StringComparison.Ordinal))
        {
            throw new Refused("instance profile ARN is malformed");
        }
        var partition = AwsPartition.OfRegion(documentRegion);
        var endpoint = string.IsNullOrEmpty(settings.IamEndpoint) ? partition.IamEndpoint : new Uri(settings.IamEndpoint);
        var body = Encoding.UTF8.GetBytes(
            "Action=GetInstanceProfile&InstanceProfileName=" + Uri.EscapeDataString(profileName) + "&Version=2010-05-08");
        var profile = await SendWithRetriesAsync(endpoint, body, partition.IamSigningRegion, settings, credentials, cancellationToken).ConfigureAwait(false);
        var roles = profile.Element(Iam + "Roles")?.Elements(Iam + "member").ToList() ?? [];
        if (roles.Count != 1)
        {
            throw new Refused($"instance profile {profileName} has {roles.Count} roles; exactly one is required");
        }
        var roleArn = roles[0].Element(Iam + "Arn")?.Value;
        if (string.IsNullOrEmpty(roleArn))
        {
            throw Failed("IAM: GetInstanceProfile answered without a role ARN");
        }
        _cache[profileArn] = (roleArn, now + CacheLifetime);
        return roleArn;
    }

    private async Task<XElement> SendWithRetriesAsync(
        Uri endpoint, byte[] body, string signingRegion, CloudClientSettings settings, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var retries = settings.MaxRetries >= 0 ? settings.MaxRetries : DefaultRetries;
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await SendOnceAsync(endpoint, body, signingRegion, credentials, cancellationToken).ConfigureAwait(false);
            if (outcome.Profile is { } profile)
            {
                return profile;
            }
            if (!outcome.Retryable || attempt >= retries)
            {
                throw outcome.Failure!;
            }
            await Task.Delay(backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(XElement? Profile, bool Retryable, DomainFailure? Failure)> SendOnceAsync(
        Uri endpoint, byte[] body, string signingRegion, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", SigV4QuerySigner.FormContentType);
        var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        SigV4QuerySigner.Sign(request, body, immutable, signingRegion, "iam", time.GetUtcNow().UtcDateTime);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var document = await ReadXmlAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var profile = document.Root?.Element(Iam + "GetInstanceProfileResult")?.Element(Iam + "InstanceProfile")
                    ?? throw Failed("IAM: GetInstanceProfile answered without an instance profile");
                return (profile, false, null);
            }
            return Failure(response.StatusCode, document);
        }
        catch (HttpRequestException)
        {
            return (null, true, new UpstreamFailure(Upstream.Iam, UpstreamProblem.Unavailable, "IAM: endpoint unreachable"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, true, new UpstreamFailure(Upstream.Iam, UpstreamProblem.Unavailable, "IAM: request timed out"));
        }
    }

    private static (XElement?, bool, DomainFailure?) Failure(HttpStatusCode status, XDocument document)
    {
        var error = document.Root?.Element(Iam + "Error");
        var code = error?.Element(Iam + "Code")?.Value ?? status.ToString();
        var requestId = document.Root?.Element(Iam + "RequestId")?.Value ?? "unknown";
        if (code == "NoSuchEntity")
        {
            return (null, false, new Refused("instance profile not found in IAM"));
        }
        if (code is "InvalidClientTokenId" or "SignatureDoesNotMatch")
        {
            return (null, false, new UpstreamFailure(Upstream.Iam, UpstreamProblem.NotConfigured, $"IAM: {AwsCredentialSource.SetClientConfigHint} (IAM said {code})"));
        }
        var retryable = (int)status >= 500 || code is "Throttling" or "ThrottlingException" or "RequestLimitExceeded";
        return (null, retryable, new UpstreamFailure(Upstream.Iam, retryable ? UpstreamProblem.Unavailable : UpstreamProblem.Failed,
            $"IAM: GetInstanceProfile failed: {code} (AWS request id {requestId})"));
    }

    private static UpstreamFailure Failed(string message) => new(Upstream.Iam, UpstreamProblem.Failed, message);

    internal static async Task<XDocument> ReadXmlAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxResponseChars,
        };
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeStream = stream.ConfigureAwait(false);
            using var reader = XmlReader.Create(stream, settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException)
        {
            return new XDocument();
        }
    }
}
