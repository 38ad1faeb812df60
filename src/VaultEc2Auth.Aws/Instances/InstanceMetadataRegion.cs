namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// The region Vault itself runs in, from the EC2 instance metadata service (IMDSv2: a session token, then
/// <c>placement/region</c>), asked once per process with a short timeout. Off EC2 there is no answer and the
/// caller falls back to the document's region. The address is fixed except for tests: operators cannot point
/// it elsewhere (Vault's aws method has no such setting either).
/// </summary>
public sealed class InstanceMetadataRegion : IDisposable
{
    /// <summary>Both requests together; on EC2 IMDS answers in milliseconds, off EC2 nothing should wait long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly AwsIdentifierRules Rules = new();
    private static readonly Uri ServiceAddress = new("http://169.254.169.254/");
    /// <summary>A token is 56 characters and a region name a dozen; anything longer is not the metadata service.</summary>
    private const int MaxAnswerBytes = 1024;

    private readonly HttpClient? _http;
    private readonly Uri _address;
    private readonly Lazy<Task<string?>> _detection;

    /// <summary>
    /// The real service, only on EC2 hardware and unless the AWS SDK's own switch <c>AWS_EC2_METADATA_DISABLED=true</c>
    /// turns it off: off EC2 nothing is sent to the link-local address at all.
    /// </summary>
    public InstanceMetadataRegion()
        : this(!string.Equals(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase) && Ec2Hardware.IsPresent()
            ? ServiceAddress
            : null)
    {
    }

    /// <summary>For tests: a local fake metadata service, or null for none.</summary>
    internal InstanceMetadataRegion(Uri? address)
    {
        _address = address ?? ServiceAddress;
        // No proxy: the metadata service is link-local and must never be asked through one.
        _http = address is null ? null : new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = Timeout }) { Timeout = Timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
        _detection = new(DetectOnceAsync);
    }

    /// <summary>The region, or null when not on EC2 (or the answer was not a region name).</summary>
    public Task<string?> DetectAsync() => _detection.Value;

    public void Dispose() => _http?.Dispose();

    private async Task<string?> DetectOnceAsync()
    {
        if (_http is null)
        {
            return null;
        }
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, new Uri(_address, "latest/api/token"));
            tokenRequest.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token-ttl-seconds", "60");
            using var tokenResponse = await _http.SendAsync(tokenRequest, deadline.Token).ConfigureAwait(false);
            if (!tokenResponse.IsSuccessStatusCode)
            {
                return null;
            }
            var token = await tokenResponse.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);

            using var regionRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, "latest/meta-data/placement/region"));
            regionRequest.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token", token);
            using var regionResponse = await _http.SendAsync(regionRequest, deadline.Token).ConfigureAwait(false);
            if (!regionResponse.IsSuccessStatusCode)
            {
                return null;
            }
            var region = (await regionResponse.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false)).Trim();
            return Rules.IsRegion(region) ? region : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
