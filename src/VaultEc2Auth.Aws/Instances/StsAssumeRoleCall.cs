using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>Temporary credentials STS handed out, and when they stop working.</summary>
internal sealed record AssumedCredentials(ImmutableCredentials Credentials, DateTimeOffset Expiration);

/// <summary>
/// STS AssumeRole as a signed Query request (AWSSDK.Core's SigV4 primitives, as for IAM), with the same retries
/// as the IAM call: throttling, 5xx and unreachable endpoints are tried again; a refusal is not.
/// </summary>
internal sealed class StsAssumeRoleCall(HttpClient http, TimeProvider time, Func<int, TimeSpan> backoff)
{
    /// <summary>AWS's default session length; the role's maximum session duration is at least this.</summary>
    public const int SessionSeconds = 3600;

    private const int DefaultRetries = 2;
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    public async Task<AssumedCredentials> AssumeAsync(
        string accountId, AccountStsRole role, Uri endpoint, string signingRegion, int maxRetries, AWSCredentials caller, CancellationToken cancellationToken)
    {
        var form = new StringBuilder("Action=AssumeRole&DurationSeconds=").Append(SessionSeconds.ToString(CultureInfo.InvariantCulture));
        if (role.ExternalId is not null)
        {
            form.Append("&ExternalId=").Append(Uri.EscapeDataString(role.ExternalId));
        }
        form.Append("&RoleArn=").Append(Uri.EscapeDataString(role.StsRole))
            .Append("&RoleSessionName=").Append(Uri.EscapeDataString(role.SessionName))
            .Append("&Version=2011-06-15");
        var body = Encoding.UTF8.GetBytes(form.ToString());
        var retries = maxRetries >= 0 ? maxRetries : DefaultRetries;
        for (var attempt = 0; ; attempt++)
        {
            var (credentials, retryable, failure) = await SendOnceAsync(accountId, endpoint, body, signingRegion, caller, cancellationToken).ConfigureAwait(false);
            if (credentials is not null)
            {
                return credentials;
            }
            if (!retryable || attempt >= retries)
            {
                throw failure!;
            }
            await Task.Delay(backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(AssumedCredentials?, bool Retryable, Exception? Failure)> SendOnceAsync(
        string accountId, Uri endpoint, byte[] body, string signingRegion, AWSCredentials caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", SigV4QuerySigner.FormContentType);
        var immutable = await caller.GetCredentialsAsync().ConfigureAwait(false);
        SigV4QuerySigner.Sign(request, body, immutable, signingRegion, "sts", time.GetUtcNow().UtcDateTime);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var document = await IamRoleResolver.ReadXmlAsync(response, cancellationToken).ConfigureAwait(false);
            var requestId = document.Root?.Element(Sts + "ResponseMetadata")?.Element(Sts + "RequestId")?.Value
                ?? document.Root?.Element(Sts + "RequestId")?.Value
                ?? "unknown";
            if (response.IsSuccessStatusCode)
            {
                return (Parse(document, accountId, requestId), false, null);
            }
            var code = document.Root?.Element(Sts + "Error")?.Element(Sts + "Code")?.Value ?? response.StatusCode.ToString();
            var retryable = response.StatusCode >= HttpStatusCode.InternalServerError || code is "Throttling" or "ThrottlingException" or "RequestLimitExceeded";
            return (null, retryable, StsFailure.Refused(accountId, code, requestId));
        }
        catch (HttpRequestException)
        {
            return (null, true, StsFailure.Unreachable(accountId, "STS endpoint unreachable"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, true, StsFailure.Unreachable(accountId, "STS request timed out"));
        }
    }

    private static AssumedCredentials Parse(XDocument document, string accountId, string requestId)
    {
        var credentials = document.Root?.Element(Sts + "AssumeRoleResult")?.Element(Sts + "Credentials");
        var accessKeyId = credentials?.Element(Sts + "AccessKeyId")?.Value;
        var secretKey = credentials?.Element(Sts + "SecretAccessKey")?.Value;
        var sessionToken = credentials?.Element(Sts + "SessionToken")?.Value;
        var expirationText = credentials?.Element(Sts + "Expiration")?.Value;
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretKey) || string.IsNullOrEmpty(sessionToken) ||
            !DateTimeOffset.TryParse(expirationText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiration))
        {
            throw StsFailure.Refused(accountId, "answer without complete credentials", requestId);
        }
        return new AssumedCredentials(new ImmutableCredentials(accessKeyId, secretKey, sessionToken), expiration);
    }
}
