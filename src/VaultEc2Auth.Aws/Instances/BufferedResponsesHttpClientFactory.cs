using Amazon.Runtime;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// The EC2 client's HttpClient, which reads each response body to its end asynchronously before the SDK sees it.
/// The SDK asks for headers only and then parses the XML body with synchronous reads, so without this every
/// DescribeInstances held a thread-pool thread blocked in a socket read until the body arrived: a login burst could
/// starve the pool that serves Vault's requests. Everything else is what the SDK's own client does, including its
/// process-wide cache of clients (a settings change disposes SDK clients, never a connection a call still uses).
/// </summary>
internal sealed class BufferedResponsesHttpClientFactory(int maxResponseBytes) : HttpClientFactory
{
    /// <summary>
    /// A tidy batch asks for 100 instances at once; one with hundreds of secondary addresses answers 200 KiB or so.
    /// Anything beyond this is not EC2 answering.
    /// </summary>
    public const int DefaultMaxResponseBytes = 64 * 1024 * 1024;

    public static BufferedResponsesHttpClientFactory Instance { get; } = new(DefaultMaxResponseBytes);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = clientConfig.AllowAutoRedirect,
            MaxConnectionsPerServer = clientConfig.MaxConnectionsPerServer ?? int.MaxValue,
        };
        if (clientConfig.GetWebProxy() is { } proxy)
        {
            handler.Proxy = proxy;
            handler.DefaultProxyCredentials = clientConfig.ProxyCredentials;
        }

        if (clientConfig.ConnectTimeout is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }

        var client = new HttpClient(new BufferingHandler(handler, maxResponseBytes));
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    /// <summary>Non-null: the SDK keeps these clients in its global cache and never disposes one with an SDK client.</summary>
    public override string GetConfigUniqueString(IClientConfig clientConfig) =>
        $"vault-ec2-buffered:{maxResponseBytes}:{clientConfig.Timeout}:{clientConfig.ConnectTimeout}:{clientConfig.MaxConnectionsPerServer}:{clientConfig.AllowAutoRedirect}:{clientConfig.ProxyHost}:{clientConfig.ProxyPort}";

    private sealed class BufferingHandler(HttpMessageHandler inner, int maxResponseBytes) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                // Over the bound: HttpRequestException with HttpRequestError.ConfigurationLimitExceeded.
                await response.Content.LoadIntoBufferAsync(maxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return response;
        }
    }
}
