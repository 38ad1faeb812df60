using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// One EC2 client per region (and per assumed role) for the current <c>config/client</c> settings; a settings
/// change (new keys, endpoint, retries) drops every client and the credentials behind them, as Vault flushes its
/// clients.
/// </summary>
internal sealed class Ec2ClientCache(AwsCredentialSource credentialSource) : IDisposable
{
    /// <summary>Per attempt; the SDK's own default is 100 s, far beyond a login's patience.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AmazonEC2Client> _clients = new(StringComparer.Ordinal);
    private CloudClientSettings? _settings;
    private AWSCredentials? _credentials;

    /// <summary>Raised (under the cache's lock) when settings changed and cached state must go.</summary>
    public event Action? SettingsChanged;

    /// <summary>config/client's own credentials (its keys, else the default chain).</summary>
    public AWSCredentials CredentialsFor(CloudClientSettings settings)
    {
        lock (_gate)
        {
            return Current(settings);
        }
    }

    /// <summary>The client for <paramref name="region"/>, signing with <paramref name="assumedRole"/> when given, else with config/client's credentials.</summary>
    public (AmazonEC2Client Client, AWSCredentials Credentials) Get(string region, CloudClientSettings settings, AssumedRoleCredentials? assumedRole = null)
    {
        lock (_gate)
        {
            var own = Current(settings);
            var credentials = (AWSCredentials?)assumedRole ?? own;
            var key = assumedRole is null ? region : region + "\n" + assumedRole.Key;
            if (!_clients.TryGetValue(key, out var client))
            {
                client = new AmazonEC2Client(credentials, CreateConfig(region, settings));
                _clients.Add(key, client);
            }
            return (client, credentials);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            DisposeClients();
            _settings = null;
        }
    }

    private AWSCredentials Current(CloudClientSettings settings)
    {
        if (!Equals(settings, _settings))
        {
            DisposeClients();
            _credentials = credentialSource.Resolve(settings);
            _settings = settings;
            SettingsChanged?.Invoke();
        }
        return _credentials!;
    }

    private static AmazonEC2Config CreateConfig(string region, CloudClientSettings settings)
    {
        var config = new AmazonEC2Config
        {
            RetryMode = RequestRetryMode.Standard,
            Timeout = RequestTimeout,
            HttpClientFactory = BufferedResponsesHttpClientFactory.Instance,
        };
        if (settings.MaxRetries >= 0)
        {
            config.MaxErrorRetry = settings.MaxRetries;
        }
        if (string.IsNullOrEmpty(settings.Ec2Endpoint))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = settings.Ec2Endpoint;
            config.AuthenticationRegion = region;
        }
        return config;
    }

    private void DisposeClients()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        _clients.Clear();
    }
}
