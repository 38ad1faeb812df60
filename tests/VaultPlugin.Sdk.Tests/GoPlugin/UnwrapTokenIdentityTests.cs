using System.Text;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

public sealed class UnwrapTokenIdentityTests
{
    [Fact]
    public void Address_is_read_from_a_modern_token_with_nbf_and_accessor()
    {
        Assert.Equal("https://vault.example:8200", UnwrapTokenIdentity.ReadAddressClaim(WrappingTokens.Modern("https://vault.example:8200")));
    }

    [Fact]
    public void Address_is_read_from_a_Vault_0_10_1_token_without_nbf_and_accessor()
    {
        Assert.Equal("http://10.0.0.5:8200", UnwrapTokenIdentity.ReadAddressClaim(WrappingTokens.Legacy("http://10.0.0.5:8200")));
    }

    [Fact]
    public void Empty_address_means_Vault_has_no_api_addr()
    {
        var exception = Assert.Throws<PluginStartupException>(() => UnwrapTokenIdentity.ReadAddressClaim(WrappingTokens.Modern("")));

        Assert.Contains("no vault api_addr found", exception.Message);
    }

    [Fact]
    public void Missing_address_means_Vault_has_no_api_addr()
    {
        var exception = Assert.Throws<PluginStartupException>(() =>
            UnwrapTokenIdentity.ReadAddressClaim(WrappingTokens.WithPayload(new JsonObject { ["type"] = "wrapping" })));

        Assert.Contains("no vault api_addr found", exception.Message);
    }

    [Theory]
    [InlineData("s.abcdefghijklmnopqrstuvwx")]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    public void Token_that_is_not_a_JWT_is_a_startup_failure(string token) =>
        Assert.Throws<PluginStartupException>(() => UnwrapTokenIdentity.ReadAddressClaim(token));

    [Theory]
    [InlineData("eyJhbGciOiJFUzUxMiJ9.!!!.c2ln")]
    [InlineData("eyJhbGciOiJFUzUxMiJ9.bm90IGpzb24.c2ln")]
    [InlineData("eyJhbGciOiJFUzUxMiJ9.WzFd.c2ln")]
    public void Token_with_an_unreadable_payload_is_a_startup_failure(string token) =>
        Assert.Throws<PluginStartupException>(() => UnwrapTokenIdentity.ReadAddressClaim(token));

    [Fact]
    public void Wrapped_certificate_and_SEC1_key_become_the_served_and_pinned_identity()
    {
        using var wrapped = GoPluginHostCertificate.CreateWrapped(out var key);
        var body = UnwrapResponse(Convert.ToBase64String(wrapped.RawData), Convert.ToBase64String(key));

        var identity = UnwrapTokenIdentity.ParseWrappedCertificate(body);

        Assert.True(identity.UsesTls);
        Assert.True(identity.ServerCertificate!.HasPrivateKey);
        Assert.Equal(wrapped.RawData, identity.ServerCertificate.RawData);
        Assert.True(identity.IsPinnedPeer(wrapped));
        Assert.Equal(wrapped.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false), identity.BrokerServerName);
        Assert.False(identity.AnnounceCertificate);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"data\":null}")]
    [InlineData("{\"data\":{\"ServerCert\":\"not base64\",\"ServerKey\":\"AA==\"}}")]
    [InlineData("{\"data\":{\"ServerCert\":\"AAAA\",\"ServerKey\":\"AAAA\"}}")]
    [InlineData("not json")]
    public void Unusable_unwrap_response_is_a_startup_failure(string body) =>
        Assert.Throws<PluginStartupException>(() => UnwrapTokenIdentity.ParseWrappedCertificate(Encoding.UTF8.GetBytes(body)));

    internal static byte[] UnwrapResponse(string certificate, string key) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["data"] = new JsonObject { ["ServerCert"] = certificate, ["ServerKey"] = key },
    }.ToJsonString());
}
