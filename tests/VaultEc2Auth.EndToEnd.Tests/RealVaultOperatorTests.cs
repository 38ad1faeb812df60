using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using static VaultEc2Auth.EndToEnd.Tests.VaultCalls;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// What an operator sees in a real Vault 0.10.1 (issue 20): bad input is a 400 naming the field, templates Vault
/// would refuse are refused on write, migrants' spellings work, a refused renewal says why, failures leave a log
/// line with the instance id, and upstream faults are 5xx, never 400.
/// </summary>
public sealed class RealVaultOperatorTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_input_broken_templates_and_migrated_fields_get_the_answers_an_operator_expects()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        await using var mounted = await MountedPlugin.StartAsync(peers);
        var root = mounted.Root;

        var ttl = await Post(root, "auth/ec2/roles/worker", new JsonObject { ["iam_role_arn"] = LoginFlowPeers.RoleArn, ["base_path"] = "pki/roles", ["token_ttl"] = "abc" });
        await AssertStatus(HttpStatusCode.BadRequest, "token_ttl", ttl);
        var retries = await Post(root, "auth/ec2/config/client", new JsonObject { ["max_retries"] = "abc" });
        await AssertStatus(HttpStatusCode.BadRequest, "max_retries", retries);

        await Ok(Post(root, "auth/ec2/roles/Web.Servers", new JsonObject
        {
            ["iam_role_arn"] = LoginFlowPeers.RoleArn,
            ["base_path"] = "pki/roles",
            ["policies"] = "worker-common",
            ["ttl"] = "1h",
        }));
        var role = await Ok(root.GetAsync("auth/ec2/roles/Web.Servers", Ct));
        Assert.Equal("worker-common", Assert.Single(role["data"]!["token_policies"]!.AsArray())!.GetValue<string>());
        Assert.Equal(3600, role["data"]!["token_ttl"]!.GetValue<long>());
        Assert.Null(role["data"]!["policies"]);
        var roles = await Ok(root.SendAsync(new HttpRequestMessage(new HttpMethod("LIST"), "auth/ec2/roles"), Ct));
        Assert.Contains("web.servers", roles["data"]!["keys"]!.AsArray().Select(key => key!.GetValue<string>()));
        var both = await Post(root, "auth/ec2/roles/web.servers", new JsonObject { ["policies"] = "a", ["token_policies"] = "b" });
        await AssertStatus(HttpStatusCode.BadRequest, "token_policies", both);

        var broken = await Post(root, "auth/ec2/templates/web.servers/broken", new JsonObject
        {
            ["type"] = "policy",
            ["path"] = "{{ InstanceHash }}",
            ["template"] = """path "pki/issue/x" { capabilities = ["read" }""",
        });
        await AssertStatus(HttpStatusCode.BadRequest, "line 1, column", broken);
        var unknown = await Post(root, "auth/ec2/templates/Web.Servers/reed", new JsonObject
        {
            ["type"] = "policy",
            ["path"] = "{{ InstanceHash }}",
            ["template"] = """path "pki/issue/x" { capabilities = ["reed"] }""",
        });
        await AssertStatus(HttpStatusCode.BadRequest, "unknown capability \\\"reed\\\"", unknown);
        await Ok(Post(root, "auth/ec2/templates/Web.Servers/issue", new JsonObject
        {
            ["type"] = "policy",
            ["path"] = "{{ InstanceHash }}",
            ["template"] = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""",
        }));
        var templates = await Ok(root.SendAsync(new HttpRequestMessage(new HttpMethod("LIST"), "auth/ec2/templates/web.servers"), Ct));
        Assert.Equal("issue", Assert.Single(templates["data"]!["keys"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task Refusals_say_why_leave_a_log_line_and_upstream_faults_are_5xx()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        await using var mounted = await MountedPlugin.StartAsync(peers);
        var root = mounted.Root;
        await mounted.ConfigureWorkerRoleAsync();
        using var anonymous = new HttpClient { BaseAddress = root.BaseAddress };

        var login = await Ok(Post(anonymous, "auth/ec2/login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "nonce-1" }));
        using var worker = new HttpClient { BaseAddress = root.BaseAddress };
        worker.DefaultRequestHeaders.Add("X-Vault-Token", login["auth"]!["client_token"]!.GetValue<string>());

        var replay = await Post(anonymous, "auth/ec2/login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "guessed" });
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        await Eventually(() => mounted.Vault.Output.Contains("login refused", StringComparison.Ordinal)
            && mounted.Vault.Output.Contains(LoginFlowPeers.RunningId, StringComparison.Ordinal), "a 'login refused' log line with the instance id");

        peers.Aws.SetState(LoginFlowPeers.RunningId, "terminated");
        var renewal = await Post(worker, "auth/token/renew-self", new JsonObject());
        await AssertStatus(HttpStatusCode.BadRequest, "terminated, not running", renewal);
        peers.Aws.SetState(LoginFlowPeers.RunningId, "running");

        // A new endpoint needs the keys again (issue 16 finding 1): a stored secret never follows a changed destination.
        await Ok(Post(root, "auth/ec2/config/client", new JsonObject
        {
            ["ec2_endpoint"] = $"http://127.0.0.1:{ClosedPort()}/",
            ["max_retries"] = 0,
            ["access_key"] = AccessKey,
            ["secret_key"] = SecretKey,
        }));
        var unreachable = await Post(anonymous, "auth/ec2/login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-3" });
        await AssertStatus(HttpStatusCode.ServiceUnavailable, "EC2: endpoint unreachable", unreachable);
        await Ok(Post(root, "auth/ec2/config/client", new JsonObject
        {
            ["ec2_endpoint"] = peers.Aws.BaseAddress.ToString(),
            ["access_key"] = AccessKey,
            ["secret_key"] = SecretKey,
        }));

        var writer = await Ok(Post(root, "auth/token/create", new JsonObject { ["policies"] = new JsonArray("root"), ["period"] = "1h" }));
        var writerToken = writer["auth"]!["client_token"]!.GetValue<string>();
        await Ok(Post(root, "auth/ec2/config/vault", new JsonObject { ["address"] = mounted.Vault.BaseAddress.ToString(), ["token"] = writerToken }));
        await Ok(Post(root, "auth/token/revoke", new JsonObject { ["token"] = writerToken }));
        var revoked = await Post(anonymous, "auth/ec2/login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-3" });
        await AssertStatus(HttpStatusCode.BadGateway, "writer's token was revoked", revoked);

        // Nothing was stored by the failed logins: once Vault is reachable with a live token, the same nonce works.
        await Ok(Post(root, "auth/ec2/config/vault", new JsonObject { ["address"] = mounted.Vault.BaseAddress.ToString(), ["token"] = mounted.Vault.RootToken }));
        await Ok(Post(anonymous, "auth/ec2/login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-3" }));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100, Ct);
        }
        Assert.True(condition(), $"expected {what} in Vault's log");
    }

    private static async Task AssertStatus(HttpStatusCode expected, string text, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            Assert.Contains(text, body, StringComparison.Ordinal);
        }
    }

    /// <summary>The published plugin registered and enabled at auth/ec2 in a fresh dev server, with a PKI engine.</summary>
    private sealed class MountedPlugin : IAsyncDisposable
    {
        private readonly LoginFlowPeers peers;
        private readonly string pluginDirectory;

        private MountedPlugin(LoginFlowPeers peers, string pluginDirectory, VaultDevServer vault)
        {
            this.peers = peers;
            this.pluginDirectory = pluginDirectory;
            Vault = vault;
            Root = vault.CreateRootClient();
        }

        public VaultDevServer Vault { get; }

        public HttpClient Root { get; }

        public static async Task<MountedPlugin> StartAsync(LoginFlowPeers peers)
        {
            var directory = Directory.CreateTempSubdirectory("vault-plugins-").FullName;
            File.Copy(Artifacts.PluginBinary, Path.Combine(directory, "vault-plugin-auth-ec2-instance"));
            var mounted = new MountedPlugin(peers, directory, await VaultDevServer.StartAsync(Artifacts.RealVault, directory, Ct));
            await Ok(Post(mounted.Root, "sys/auth/ec2", new JsonObject { ["type"] = "plugin", ["plugin_name"] = "vault-plugin-auth-ec2-instance" }));
            await Ok(Post(mounted.Root, "sys/mounts/pki", new JsonObject { ["type"] = "pki" }));
            return mounted;
        }

        public Task ConfigureWorkerRoleAsync() =>
            VaultCalls.ConfigureWorkerRoleAsync(Root, peers, Vault.BaseAddress.ToString(), Vault.RootToken);

        public async ValueTask DisposeAsync()
        {
            Root.Dispose();
            await Vault.DisposeAsync();
            Directory.Delete(pluginDirectory, recursive: true);
        }
    }
}
