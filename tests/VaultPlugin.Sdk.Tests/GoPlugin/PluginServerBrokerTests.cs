using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using VaultPlugin.Sdk.Protocol;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// Setup and the go-plugin broker (docs/protocol.md §4.3, §9 #9): the host announces a unix-socket listener serving
/// pb.Storage with mTLS on the broker stream, before or after Setup starts; the plugin dials it back.
/// </summary>
public sealed class PluginServerBrokerTests : IAsyncLifetime
{
    private readonly X509Certificate2 _host = GoPluginHostCertificate.Create();
    private InProcessPlugin _plugin = null!;
    private X509Certificate2 _pluginCertificate = null!;
    private FakeHostBroker _broker = null!;
    private GrpcChannel _channel = null!;
    private AsyncDuplexStreamingCall<ConnInfo, ConnInfo> _brokerStream = null!;

    public async ValueTask InitializeAsync()
    {
        _plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(_host));
        _pluginCertificate = _plugin.AnnouncedCertificate!;
        _broker = await FakeHostBroker.StartAsync(_host, _pluginCertificate);
        _channel = PluginChannels.Tls(_plugin.SocketPath, _host, _pluginCertificate);
        _brokerStream = new GRPCBroker.GRPCBrokerClient(_channel).StartStream();
    }

    public async ValueTask DisposeAsync()
    {
        _brokerStream.Dispose();
        _channel.Dispose();
        await _broker.DisposeAsync();
        await _plugin.DisposeAsync();
        _pluginCertificate.Dispose();
        _host.Dispose();
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Protocol.Backend.BackendClient Backend => new(_channel);

    private Task Announce(uint brokerId) =>
        _brokerStream.RequestStream.WriteAsync(new ConnInfo { ServiceId = brokerId, Network = "unix", Address = _broker.SocketPath }, Cancellation);

    private async Task<HandleRequestReply> Handle(string operation, string path, string data) =>
        await Backend.HandleRequestAsync(new HandleRequestArgs
        {
            Request = new Request { Id = Guid.NewGuid().ToString(), Operation = operation, Path = path, Data = data, MountPoint = "auth/test/" },
        }, new Metadata { { "multiplex_id", "a1B2c3D4e5" } }, cancellationToken: Cancellation);

    [Fact]
    public async Task Setup_after_ConnInfo_succeeds_and_a_write_reaches_the_hosts_storage()
    {
        await Announce(1);

        var setup = await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);
        var write = await Handle("update", "items/first", "{\"value\":\"hello\"}");

        Assert.Equal("", setup.Err);
        Assert.Null(write.Err);
        Assert.Equal("hello", _broker.Storage.Entries["items/first"].ToStringUtf8());
    }

    [Fact]
    public async Task ConnInfo_sent_after_Setup_started_still_completes_Setup()
    {
        var setup = Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);
        await Task.Delay(300, Cancellation);
        Assert.False(setup.ResponseAsync.IsCompleted);

        await Announce(1);

        Assert.Equal("", (await setup).Err);
        Assert.Null((await Handle("update", "items/late", "{\"value\":\"v\"}")).Err);
        Assert.True(_broker.Storage.Entries.ContainsKey("items/late"));
    }

    [Fact]
    public async Task Setup_without_ConnInfo_fails_with_an_error_after_waiting()
    {
        var setup = await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        Assert.Contains("timeout waiting for connection info", setup.Err);
    }

    [Fact]
    public async Task ConnInfo_for_another_broker_id_does_not_satisfy_Setup()
    {
        await Announce(2);

        var setup = await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        Assert.NotEqual("", setup.Err);
    }

    [Fact]
    public async Task Setup_hands_config_and_backend_uuid_to_the_backend_factory()
    {
        await Announce(1);
        var args = new SetupArgs { BrokerId = 1, BackendUUID = "4c3f2a9e-1111-2222-3333-444455556666" };
        args.Config.Add("plugin_name", "vault-plugin-auth-test");
        args.Config.Add("plugin_type", "auth");

        await Backend.SetupAsync(args, cancellationToken: Cancellation);

        var setup = _plugin.Factory.LastSetup!;
        Assert.Equal("4c3f2a9e-1111-2222-3333-444455556666", setup.BackendUuid);
        Assert.Equal("auth", setup.Config["plugin_type"]);
    }

    [Fact]
    public async Task Stored_value_is_read_back_through_the_broker()
    {
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        await Handle("update", "items/x", "{\"value\":\"round trip\"}");
        var read = await Handle("read", "items/x", "null");

        Assert.Equal("round trip", JsonNode.Parse(read.Response.Data)!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Standby_storage_error_reaches_Vault_as_a_plain_error_with_its_text_unchanged()
    {
        _broker.Storage.ReadOnly = true;
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        var reply = await Handle("update", "items/x", "{\"value\":\"v\"}");

        Assert.Equal(0u, reply.Err.ErrType);
        Assert.Equal(FakeHostStorage.ReadOnlyError, reply.Err.ErrMsg);
    }

    [Fact]
    public async Task Messages_larger_than_4_MiB_pass_both_ways()
    {
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);
        var large = new string('x', 5 * 1024 * 1024);

        var write = await Handle("update", "items/large", new JsonObject { ["value"] = large }.ToJsonString());
        var read = await Handle("read", "items/large", "null");

        Assert.Null(write.Err);
        Assert.Equal(large.Length, JsonNode.Parse(read.Response.Data)!["value"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Bad_request_comes_back_as_ProtoError_type_4_with_the_text_in_data_error()
    {
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        var reply = await Handle("update", "items/x", "[1]");

        Assert.Equal(4u, reply.Err.ErrType);
        Assert.Equal(JsonValueKindString, JsonNode.Parse(reply.Response.Data)!["error"]!.GetValueKind());
    }

    [Fact]
    public async Task Rollback_on_the_mount_root_is_an_empty_success()
    {
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        var reply = await Handle("rollback", "", "null");

        Assert.Null(reply.Err);
    }

    [Fact]
    public async Task Help_on_the_mount_root_answers_with_help_and_openapi()
    {
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        var reply = await Handle("help", "", "{\"requestResponsePrefix\":\"vault-plugin-auth-test\"}");

        Assert.Null(reply.Err);
        var data = JsonNode.Parse(reply.Response.Data)!;
        Assert.Equal(JsonValueKindString, data["help"]!.GetValueKind());
        Assert.Equal("3.0.2", data["openapi"]!["openapi"]!.GetValue<string>());
    }

    [Fact]
    public async Task Existence_check_on_a_path_without_one_is_not_found_and_not_an_error()
    {
        await Announce(1);
        await Backend.SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        var reply = await Backend.HandleExistenceCheckAsync(new HandleExistenceCheckArgs
        {
            Request = new Request { Operation = "update", Path = "items/x", Data = "{\"value\":\"v\"}" },
        }, cancellationToken: Cancellation);

        Assert.False(reply.CheckFound);
        Assert.Null(reply.Err);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;
}
