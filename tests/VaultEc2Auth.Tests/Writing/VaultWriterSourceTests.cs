using System.Text.Json.Nodes;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Writing;

/// <summary>The live writer connection built from <c>config/vault</c>: made once, replaced when the config changes.</summary>
public sealed class VaultWriterSourceTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task One_writer_connection_serves_every_login()
    {
        await _plugin.SetUpPkiRoleAsync();
        var probes = _plugin.Vault.Connections.Count;

        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);
        await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.Equal(probes + 1, _plugin.Vault.Connections.Count);
        Assert.Equal(1, _plugin.Vault.OpenConnections);
    }

    [Fact]
    public async Task Writer_connection_looks_its_token_up_when_it_is_made()
    {
        await _plugin.SetUpPkiRoleAsync();
        var lookups = _plugin.Vault.Lookups;

        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(lookups + 1, _plugin.Vault.Lookups);
    }

    [Fact]
    public async Task Changed_config_replaces_the_writer_connection_and_closes_the_old_one()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);

        await _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { ["namespace"] = "team-a", ["token"] = WriterToken });
        await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.Equal("team-a", _plugin.Vault.Connections[^1].Namespace);
        Assert.Equal(1, _plugin.Vault.OpenConnections);
    }

    [Fact]
    public async Task Writer_connection_whose_token_lookup_failed_is_not_kept()
    {
        await _plugin.SetUpPkiRoleAsync();
        _plugin.Vault.RevokeToken(WriterToken);
        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7));
        _plugin.Vault.AcceptToken(WriterToken, WriterTokenInfo);
        var lookups = _plugin.Vault.Lookups;

        await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.Equal(lookups + 1, _plugin.Vault.Lookups);
        Assert.Equal(1, _plugin.Vault.OpenConnections);
    }
}
