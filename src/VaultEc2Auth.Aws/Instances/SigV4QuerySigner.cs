using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Signs a form-encoded AWS Query POST with Signature Version 4, using AWSSDK.Core's signer primitives (the IAM
/// service package is not available, so IAM requests are built by hand).
/// </summary>
internal static class SigV4QuerySigner
{
    public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public static void Sign(HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string service, DateTime signedAtUtc)
    {
        var endpoint = request.RequestUri ?? throw new ArgumentException("request has no URI", nameof(request));
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = FormContentType,
            ["host"] = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority,
            ["x-amz-date"] = amzDate,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }
        var bodyHash = Convert.ToHexStringLower(AWS4Signer.ComputeHash(body));
        var signedHeaders = string.Join(';', headers.Keys);
        // Canonical request (SigV4): method, path, empty query, sorted "name:value" headers, blank line, names, body hash.
        var canonicalRequest = string.Concat(
            "POST\n", endpoint.AbsolutePath, "\n\n",
            string.Concat(headers.Select(h => h.Key + ":" + h.Value.Trim() + "\n")),
            "\n", signedHeaders, "\n", bodyHash);
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonicalRequest);

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }
}
