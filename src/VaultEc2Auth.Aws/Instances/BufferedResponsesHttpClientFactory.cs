using Amazon.Runtime;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// The EC2 client's HttpClient, which reads each response body to its end asynchronously before the SDK sees it.
/// The SDK asks for headers only and then parses the XML body with synchronous reads, so without this every
/// DescribeInstances held a thread-pool thread blocked in a socket read until the body arrived: a login burst could
/// starve the pool that serves Vault's requests. Everything else is what the SDK's own client does.
/// </summary>
internal sealed class BufferedResponsesHttpClientFactory : HttpClientFactory
{
    /// <summary>A DescribeInstances answer for one instance is a few KiB; anything near this is not EC2 answering.</summary>
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    public static BufferedResponsesHttpClientFactory Instance { get; } = new();

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
        }

        var client = new HttpClient(new BufferingHandler(handler));
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }

    /// <summary>Cached per SDK client and disposed with it, as the SDK does with its own.</summary>
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;

    private sealed class BufferingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                await response.Content.LoadIntoBufferAsync(MaxResponseBytes, cancellationToken).ConfigureAwait(false);
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
