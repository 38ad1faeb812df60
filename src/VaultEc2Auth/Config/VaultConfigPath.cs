using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary>
/// <c>config/vault</c>: the Vault API the plugin writes policies and objects into, and the token it writes with.
/// The token is never returned on read and never logged; a write looks the token up and reports what it may do.
/// </summary>
public sealed class VaultConfigPath(CachedEntry<VaultConfigEntry> entry, IVaultConnectionFactory factory, string? defaultAddress)
{
    /// <summary>Leaves at least 64 characters of a policy name for what templates render.</summary>
    private const int MaxPolicyPrefixLength = 64;

    public const string StorageKey = "config/vault";

    public PathDefinition Definition => new()
    {
        Pattern = new PathPattern("config/vault"),
        Fields = new Dictionary<string, FieldSchema>
        {
            ["address"] = new(FieldType.String, "Vault API address, e.g. https://vault.example.com:8200, or every node's, comma-separated (tried in turn; the one that answered is used first). Default: the VAULT_ADDR the plugin was started with.") { MaxLength = 2048 },
            ["token"] = new(FieldType.String, "Vault token the plugin writes with. Never returned on read. See the README for its least-privilege policy.") { Sensitive = true, MaxLength = 1024 },
            ["ca_cert"] = new(FieldType.String, "PEM CA certificate(s) to trust for the Vault API's TLS certificate.") { MaxLength = 65536 },
            ["tls_server_name"] = new(FieldType.String, "Server name to verify the Vault API's certificate against.") { MaxLength = 253 },
            ["tls_skip_verify"] = new(FieldType.Bool, "Skip verification of the Vault API's TLS certificate. Never in production."),
            ["namespace"] = new(FieldType.String, "Vault Enterprise namespace to write into.") { MaxLength = 256 },
            ["policy_prefix"] = new(FieldType.String, "Prefix of every generated policy name; the writer's token can be limited to it.") { Default = VaultConfigEntry.DefaultPolicyPrefix, MaxLength = MaxPolicyPrefixLength },
        },
        ExistenceCheck = async (context, _) => await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false) is not null,
        Operations = new Dictionary<string, PathOperation>
        {
            [Operations.Read] = new(ReadAsync, "Read the Vault writer configuration (without the token)."),
            [Operations.Create] = new(WriteAsync, "Configure the Vault writer."),
            [Operations.Update] = new(WriteAsync, "Configure the Vault writer."),
            [Operations.Delete] = new(DeleteAsync, "Remove the Vault writer configuration."),
        },
        HelpSynopsis = "Configure the Vault API and token the plugin writes per-instance policies and objects with.",
        HelpDescription = """
            A plugin cannot reach other mounts through the plugin protocol, so it writes generated policies
            (sys/policies/acl/<policy_prefix>...) and generic objects (such as pki/roles/...) through Vault's HTTP
            API with its own token. On write the token is looked up and its policies and TTL are reported; a
            renewable token is renewed in the background before it expires.
            """,
    };

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var config = await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        return config is null ? null : LogicalResponse.WithData(new JsonObject
        {
            ["address"] = config.Address,
            ["token_set"] = config.Token.Length > 0,
            ["ca_cert"] = config.CaCert ?? "",
            ["tls_server_name"] = config.TlsServerName ?? "",
            ["tls_skip_verify"] = config.TlsSkipVerify,
            ["namespace"] = config.Namespace ?? "",
            ["policy_prefix"] = config.PolicyPrefix,
        });
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var existing = await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        string? Pick(string name, string? current) => fields.IsSet(name) ? NullIfEmpty(fields.GetString(name)) : current;

        var config = new VaultConfigEntry(
            Address: Address(Pick("address", existing?.Address) ?? defaultAddress),
            Token: Pick("token", existing?.Token) ?? throw RequestException.BadRequest("missing token"),
            CaCert: Pick("ca_cert", existing?.CaCert),
            TlsServerName: Pick("tls_server_name", existing?.TlsServerName),
            TlsSkipVerify: fields.IsSet("tls_skip_verify") ? fields.GetBool("tls_skip_verify") : existing?.TlsSkipVerify ?? false,
            Namespace: Pick("namespace", existing?.Namespace),
            PolicyPrefix: PolicyPrefix(fields.IsSet("policy_prefix") || existing is null ? fields.GetString("policy_prefix") : existing.PolicyPrefix));

        if (existing is not null)
        {
            SecretDestination.RequireSecretForNewDestination(
                keepsStoredSecret: !fields.IsSet("token") && existing.Token.Length > 0,
                "token",
                ("address", existing.Address, config.Address),
                ("tls_skip_verify", existing.TlsSkipVerify, config.TlsSkipVerify),
                ("ca_cert", existing.CaCert, config.CaCert),
                ("tls_server_name", existing.TlsServerName, config.TlsServerName),
                ("namespace", existing.Namespace, config.Namespace));
        }

        TokenInfo info;
        var probe = factory.Connect(config.ToSettings());
        await using (probe.ConfigureAwait(false))
        {
            try
            {
                info = await probe.LookupSelfAsync(context.CancellationToken).ConfigureAwait(false);
            }
            catch (UpstreamFailure exception) when (exception.Problem is not (UpstreamProblem.Unavailable or UpstreamProblem.Failed))
            {
                // The operator's input: a token Vault does not accept (revoked, expired, lacking lookup-self).
                throw RequestException.BadRequest($"the token could not be looked up at {config.Address}: {exception.Detail}");
            }
        }

        await entry.PutAsync(context.Storage, config, context.CancellationToken).ConfigureAwait(false);
        return LogicalResponse.WithData(new JsonObject
        {
            ["token_policies"] = new JsonArray([.. info.Policies.Select(policy => (JsonNode)policy)]),
            ["token_ttl"] = info.TtlSeconds,
            ["token_renewable"] = info.Renewable,
        });
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await entry.DeleteAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string Address(string? value)
    {
        if (value is null)
        {
            throw RequestException.BadRequest("missing address: the plugin was not started with VAULT_ADDR, so config/vault needs an address");
        }

        var addresses = VaultAddressList.Split(value);
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw RequestException.BadRequest(addresses.Count == 1
                    ? "address must be an absolute http or https URL"
                    : "address must list absolute http or https URLs separated by commas");
            }
        }

        return VaultAddressList.Join(addresses);
    }

    private static string PolicyPrefix(string? value) =>
        value is not null && PolicyName.IsValidPrefix(value, MaxPolicyPrefixLength)
            ? value
            : throw RequestException.BadRequest("policy_prefix must be 1-64 lowercase letters, digits, '-', '_' or '.', and cannot be empty");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
