using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>The fake Vault answers the writer's requests with the same status codes as the real Vault 0.10.1.</summary>
public sealed class FakeVaultParityTests(RealVaultFixture fixture) : IClassFixture<RealVaultFixture>
{
    private const string Policy = "path \"secret/parity\" {\n  capabilities = [\"read\"]\n}\n";

    private static readonly (string Method, string Path, string? Body)[] Script =
    [
        ("GET", "sys/policies/acl/parity-missing", null),
        ("PUT", "sys/policies/acl/parity-a", new JsonObject { ["policy"] = Policy }.ToJsonString()),
        ("GET", "sys/policies/acl/parity-a", null),
        ("GET", "sys/policies/acl/PARITY-A", null),
        ("PUT", "sys/policies/acl/parity-b", "{}"),
        ("PUT", "sys/policies/acl/root", new JsonObject { ["policy"] = Policy }.ToJsonString()),
        ("DELETE", "sys/policies/acl/root", null),
        ("DELETE", "sys/policies/acl/default", null),
        ("DELETE", "sys/policies/acl/parity-a", null),
        ("DELETE", "sys/policies/acl/parity-a", null),
        ("GET", "sys/policies/acl/parity-a", null),
        ("PUT", "pki/roles/parity-role", Sample.Role("parity").Data.ToJsonString()),
        ("GET", "pki/roles/parity-role", null),
        ("GET", "pki/roles/parity-none", null),
        ("DELETE", "pki/roles/parity-role", null),
        ("DELETE", "pki/roles/parity-role", null),
        ("GET", "pki/roles/parity-role", null),
        ("GET", "auth/token/lookup-self", null),
        ("POST", "auth/token/renew-self", "{}"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fake_vault_answers_the_writers_requests_with_real_vaults_status_codes()
    {
        var real = fixture.Require();
        await using var fake = new FakeVaultServer(real.RootToken);
        await fake.StartAsync(Ct);
        using var realClient = Client(real.BaseAddress, real.RootToken);
        using var fakeClient = Client(fake.BaseAddress, real.RootToken);

        var mismatches = new List<string>();
        foreach (var (method, path, body) in Script)
        {
            var expected = await SendAsync(realClient, method, path, body);
            var actual = await SendAsync(fakeClient, method, path, body);
            if (expected != actual)
            {
                mismatches.Add($"{method} {path}: real Vault {expected}, fake {actual}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(null, 400)]
    [InlineData("not-the-token", 403)]
    public async Task Missing_or_wrong_token_gets_the_same_status_as_from_real_vault(string? token, int status)
    {
        var real = fixture.Require();
        await using var fake = new FakeVaultServer(real.RootToken);
        await fake.StartAsync(Ct);
        using var realClient = Client(real.BaseAddress, token);
        using var fakeClient = Client(fake.BaseAddress, token);

        var expected = await SendAsync(realClient, "GET", "pki/roles/anything", null);
        var actual = await SendAsync(fakeClient, "GET", "pki/roles/anything", null);

        Assert.Equal((status, true), expected);
        Assert.Equal(expected, actual);
    }

    private static HttpClient Client(Uri address, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(address, "v1/") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Vault-Token", token);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The status, and whether an error answer carries Vault's <c>errors</c> list.</summary>
    private static async Task<(int Status, bool ErrorsListed)> SendAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var reply = await client.SendAsync(request, Ct);
        var text = await reply.Content.ReadAsStringAsync(Ct);
        var status = (int)reply.StatusCode;
        var errorsListed = status >= 400 && text.Length > 0 && JsonNode.Parse(text)?["errors"] is JsonArray;
        return (status, errorsListed);
    }
}
