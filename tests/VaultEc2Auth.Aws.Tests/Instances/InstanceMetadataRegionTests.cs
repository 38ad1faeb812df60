using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.TestSupport.Aws;

namespace VaultEc2Auth.Aws.Tests.Instances;

/// <summary>The region Vault runs in, from a local fake of the EC2 instance metadata service (IMDSv2).</summary>
public sealed class InstanceMetadataRegionTests
{
    [Fact]
    public async Task Region_is_read_with_an_imdsv2_session_token_once_per_process()
    {
        await using var metadata = new FakeInstanceMetadataServer("ap-southeast-2");
        await metadata.StartAsync();
        using var detector = new InstanceMetadataRegion(metadata.BaseAddress);

        var first = await detector.DetectAsync();
        var second = await detector.DetectAsync();

        Assert.Equal(("ap-southeast-2", "ap-southeast-2"), (first, second));
        Assert.Equal(1, metadata.RegionReads);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_region_name_is_no_region()
    {
        await using var metadata = new FakeInstanceMetadataServer("evil.example.com/");
        await metadata.StartAsync();
        using var detector = new InstanceMetadataRegion(metadata.BaseAddress);

        Assert.Null(await detector.DetectAsync());
    }

    [Fact]
    public async Task Without_a_metadata_service_there_is_no_region()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var detector = new InstanceMetadataRegion(new Uri($"http://127.0.0.1:{closedPort}/"));

        Assert.Null(await detector.DetectAsync());
    }

    [Fact]
    public async Task Disabled_detection_asks_nothing()
    {
        using var detector = new InstanceMetadataRegion(null);

        Assert.Null(await detector.DetectAsync());
    }
}
