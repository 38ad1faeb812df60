using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.EC2;
using VaultEc2Auth.Aws.Instances;

namespace VaultEc2Auth.Aws.Tests.Instances;

/// <summary>
/// The SDK parses EC2's XML with synchronous reads, so the EC2 client's HttpClient hands it a response only once the
/// whole body is in memory: no thread waits in a socket read for a slow body.
/// </summary>
public sealed class BufferedResponsesHttpClientFactoryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly TimeSpan BodyDelay = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_response_reaches_the_sdk_only_once_its_whole_body_has_arrived()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var bodySent = false;
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync(Cancel);
            connection.NoDelay = true;
            var stream = connection.GetStream();
            await ReadHeadersAsync(stream);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"u8.ToArray());
            await stream.FlushAsync();
            await Task.Delay(BodyDelay, Cancel);
            bodySent = true;
            await stream.WriteAsync("hello"u8.ToArray());
            await stream.FlushAsync();
        }, Cancel);
        using var client = BufferedResponsesHttpClientFactory.Instance.CreateHttpClient(new AmazonEC2Config());

        using var response = await client.GetAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/", HttpCompletionOption.ResponseHeadersRead, Cancel);

        Assert.True(bodySent);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync(Cancel));
        await server;
    }

    [Fact]
    public async Task A_body_beyond_the_bound_is_a_configuration_limit_failure_not_a_parse()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync(Cancel);
            var stream = connection.GetStream();
            await ReadHeadersAsync(stream);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n"u8.ToArray(), Cancel);
            try
            {
                await stream.WriteAsync(new byte[2048], Cancel);
            }
            catch (IOException)
            {
                // The client may close as soon as it has read past its bound.
            }
        }, Cancel);
        using var client = new BufferedResponsesHttpClientFactory(maxResponseBytes: 1024).CreateHttpClient(new AmazonEC2Config());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.GetAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/", HttpCompletionOption.ResponseHeadersRead, Cancel));

        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, error.HttpRequestError);
        await server;
    }

    [Fact]
    public async Task The_plugins_ec2_clients_use_it()
    {
        using var cache = new Ec2ClientCache(new EmptyCredentialChain());
        await using var harness = await DescriberHarness.StartAsync();

        var (client, _) = cache.Get("eu-west-1", harness.Settings());

        Assert.Same(BufferedResponsesHttpClientFactory.Instance, client.Config.HttpClientFactory);
    }

    [Fact]
    public async Task A_settings_change_leaves_a_describe_already_under_way_to_finish()
    {
        await using var harness = await DescriberHarness.StartAsync();
        harness.Server.StallNext(1, TimeSpan.FromMilliseconds(500), "DescribeInstances");
        var underWay = harness.DescribeAsync();
        while (harness.Server.CountOf("DescribeInstances") == 0)
        {
            await Task.Delay(5, Cancel);
        }

        await harness.DescribeAsync(settings: harness.Settings(maxRetries: 1));

        Assert.Equal(DescriberHarness.InstanceId, (await underWay).InstanceId);
    }

    private static async Task ReadHeadersAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (!(seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return;
            }

            seen.Add(one[0]);
        }
    }
}
