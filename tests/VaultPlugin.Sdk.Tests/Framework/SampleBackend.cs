using System.Text;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Tests.Framework;

/// <summary>
/// A small backend in the shape of the real one: an unauthenticated login, a CRUD path with an existence check and
/// a list path, all backed by the mount's storage.
/// </summary>
internal static class SampleBackend
{
    public static BackendDefinition Create(OperationHandler? renew = null) => new()
    {
        Help = "Sample backend for tests.",
        SpecialPaths = new SpecialPathSet(["login"], ["local/"], ["secrets/"]),
        Renew = renew,
        Paths =
        [
            new PathDefinition
            {
                Pattern = new PathPattern("login"),
                Fields = new Dictionary<string, FieldSchema>
                {
                    ["role"] = new(FieldType.String, "Role to log in with.") { Required = true },
                    ["pkcs7"] = new(FieldType.String, "Signed identity document.") { Sensitive = true },
                },
                Operations = new Dictionary<string, PathOperation>
                {
                    [Operations.Update] = new(Login, "Log in with an identity document."),
                },
                HelpSynopsis = "Log in.",
                HelpDescription = "Exchanges a signed identity document for a token.",
            },
            new PathDefinition
            {
                Pattern = new PathPattern("roles/{name}"),
                Fields = new Dictionary<string, FieldSchema>
                {
                    ["name"] = new(FieldType.Name, "Name of the role."),
                    ["ttl"] = new(FieldType.Duration, "Token TTL.") { Default = "1h" },
                },
                Operations = new Dictionary<string, PathOperation>
                {
                    [Operations.Read] = new(ReadRole, "Read a role."),
                    [Operations.Update] = new(WriteRole, "Write a role."),
                    [Operations.Create] = new(WriteRole, "Create a role."),
                    [Operations.Delete] = new(DeleteRole, "Delete a role."),
                },
                ExistenceCheck = async (context, fields) =>
                    await context.Storage.GetAsync("roles/" + fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false) is not null,
                HelpSynopsis = "Manage roles.",
                HelpDescription = "Roles bind instances to policies.",
            },
            new PathDefinition
            {
                Pattern = new PathPattern("roles/"),
                Operations = new Dictionary<string, PathOperation>
                {
                    [Operations.List] = new(ListRoles, "List roles."),
                },
                HelpSynopsis = "List roles.",
                HelpDescription = "Lists every role.",
            },
        ],
    };

    private static Task<LogicalResponse?> Login(RequestContext context, FieldData fields) =>
        Task.FromResult<LogicalResponse?>(LogicalResponse.WithAuth(new AuthData
        {
            AliasName = fields.RequireString("role"),
            Policies = [fields.RequireString("role")],
            Ttl = TimeSpan.FromHours(1),
        }));

    private static async Task<LogicalResponse?> ReadRole(RequestContext context, FieldData fields)
    {
        var entry = await context.Storage.GetAsync("roles/" + fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return entry is null ? null : LogicalResponse.WithData(new JsonObject { ["ttl"] = Encoding.UTF8.GetString(entry.Value) });
    }

    private static async Task<LogicalResponse?> WriteRole(RequestContext context, FieldData fields)
    {
        var ttl = ((long)fields.GetDuration("ttl").TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Storage.PutAsync(new StorageEntry("roles/" + fields.RequireString("name"), Encoding.UTF8.GetBytes(ttl)), context.CancellationToken)
            .ConfigureAwait(false);
        return null;
    }

    private static async Task<LogicalResponse?> DeleteRole(RequestContext context, FieldData fields)
    {
        await context.Storage.DeleteAsync("roles/" + fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async Task<LogicalResponse?> ListRoles(RequestContext context, FieldData fields) =>
        LogicalResponse.ListOf(await context.Storage.ListAsync("roles/", context.CancellationToken).ConfigureAwait(false));
}
