using System.Text.Json.Nodes;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>The plugin's connection to Vault's HTTP API for one <c>config/vault</c>.</summary>
public sealed class VaultHttpConnection : IVaultConnection
{
    private readonly VaultApiClient vault;
    private readonly RenderedSetWriter writer;
    private readonly TokenRenewal renewal;

    internal VaultHttpConnection(VaultConnectionSettings settings, VaultHttpOptions options)
    {
        vault = new VaultApiClient(settings, options);
        writer = new RenderedSetWriter(vault, options.Log);
        renewal = new TokenRenewal(vault, options.Time, options.Log);
    }

    internal TokenRenewal Renewal => renewal;

    public Task<ApplyResult> ApplyAsync(RenderedSet previous, RenderedSet desired, CancellationToken cancellationToken) =>
        writer.ApplyAsync(previous, desired, cancellationToken);

    public Task RemoveAsync(RenderedSet set, CancellationToken cancellationToken) =>
        writer.RemoveAsync(set, cancellationToken);

    public async Task<TokenInfo> LookupSelfAsync(CancellationToken cancellationToken)
    {
        const string operation = "GET auth/token/lookup-self";
        var data = await vault.ReadAsync(VaultApiPath.LookupSelf, cancellationToken).ConfigureAwait(false)
            ?? throw vault.Failure.Malformed(operation, "token data");
        var policies = data["policies"] is JsonArray list
            ? list.OfType<JsonValue>().Select(p => p.TryGetValue<string>(out var name) ? name : null).OfType<string>().ToList()
            : [];
        var ttl = data["ttl"] is JsonValue t && t.TryGetValue<long>(out var seconds) ? seconds : 0;
        var renewable = data["renewable"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;
        var displayName = data["display_name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : null;

        vault.TokenSeen(TimeSpan.FromSeconds(ttl));
        if (renewable && ttl > 0)
        {
            renewal.Start(TimeSpan.FromSeconds(ttl));
        }

        return new TokenInfo(policies, ttl, renewable, displayName);
    }

    public async ValueTask DisposeAsync()
    {
        await renewal.DisposeAsync().ConfigureAwait(false);
        vault.Dispose();
    }
}
