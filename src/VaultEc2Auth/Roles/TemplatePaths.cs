using System.Text.Json.Nodes;
using VaultEc2Auth.Config;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <summary>
/// <c>templates/&lt;role&gt;/&lt;name&gt;</c> and the list <c>templates/&lt;role&gt;/</c>. A template is validated
/// when it is written (parses, renders for two synthetic instances, per-instance policy name, path under
/// base_path), so a broken template is an operator's 400 instead of every instance's failed login.
/// </summary>
public sealed class TemplatePaths(RoleStore roles, ITemplateRenderer renderer, CachedEntry<VaultConfigEntry> vaultConfig)
{
    public IEnumerable<PathDefinition> Definitions =>
    [
        new()
        {
            Pattern = new PathPattern("templates/{role}/"),
            Fields = new Dictionary<string, FieldSchema> { ["role"] = new(FieldType.Name, "Name of the role.") },
            Operations = new Dictionary<string, PathOperation> { [Operations.List] = new(ListAsync, "List a role's templates.") },
            HelpSynopsis = "List the templates of a role.",
            HelpDescription = "Lists the names of the templates rendered for instances that log in with this role.",
        },
        new()
        {
            Pattern = new PathPattern("templates/{role}/{name}"),
            Fields = new Dictionary<string, FieldSchema>
            {
                ["role"] = new(FieldType.Name, "Name of the role the template belongs to."),
                ["name"] = new(FieldType.Name, "Name of the template."),
                ["type"] = new(FieldType.String, "policy (a Vault ACL policy) or generic (a JSON object written under the role's base_path).")
                {
                    AllowedValues = ["policy", "generic"],
                },
                ["path"] = new(FieldType.String, "Template of the policy name (after policy_prefix) or of the object path, relative to base_path with or without a leading /.") { MaxLength = 1024 },
                ["template"] = new(FieldType.String, "Template of the policy text or of the JSON object.") { MaxLength = 65536 },
            },
            ExistenceCheck = async (context, fields) => await roles.GetTemplateAsync(context.Storage,
                fields.RequireString("role"), fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false) is not null,
            Operations = new Dictionary<string, PathOperation>
            {
                [Operations.Read] = new(ReadAsync, "Read a template."),
                [Operations.Create] = new(WriteAsync, "Create a template."),
                [Operations.Update] = new(WriteAsync, "Update a template."),
                [Operations.Delete] = new(DeleteAsync, "Delete a template."),
            },
            HelpSynopsis = "Templates rendered per instance at login: Vault policies and generic JSON objects such as PKI roles.",
            HelpDescription = """
                Both path and template are Scriban templates ({{ FQDN }}; the Go-template spelling {{.FQDN}} works
                too). Variables: InstanceHash, FQDN, InternalIPv4, BasePath, InstanceId, AccountId, Region,
                AvailabilityZone, ImageId, InstanceType, RoleName, IamRoleArn, IamRoleName and Tags["key"].
                Values an instance controls (tags, names) are checked against strict patterns; escape them for
                their target with hcl_string or json_string, e.g. {{ Tags["team"] | hcl_string }}.
                A policy template's path gives the policy name <policy_prefix><path>, which must differ per
                instance (use InstanceHash). A generic template must render a JSON object, written at
                <base_path>/<path>. A path starting with / is relative to base_path exactly like the same path
                without it (/pki/roles/x and pki/roles/x both write <base_path>/pki/roles/x); the rendered path must
                stay under base_path: .., empty segments, backslashes and encoded separators (%2f) are refused.
                When a template is deleted, what it rendered for each instance is removed at that instance's next
                login or renewal, or by the next tidy, whichever comes first.
                """,
        },
    ];

    private async Task<LogicalResponse?> ListAsync(RequestContext context, FieldData fields) =>
        LogicalResponse.ListOf(await roles.ListTemplatesAsync(context.Storage, fields.RequireString("role"), context.CancellationToken).ConfigureAwait(false));

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var template = await roles.GetTemplateAsync(context.Storage, fields.RequireString("role"), fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return template is null ? null : LogicalResponse.WithData(new JsonObject
        {
            ["type"] = template.Kind == TemplateKind.Policy ? "policy" : "generic",
            ["path"] = template.Path,
            ["template"] = template.Template,
        });
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var roleName = fields.RequireString("role");
        var role = await roles.GetAsync(context.Storage, roleName, context.CancellationToken).ConfigureAwait(false)
                   ?? throw RequestException.BadRequest($"role {roleName} does not exist: create roles/{roleName} first");
        var name = fields.RequireString("name");
        var existing = await roles.GetTemplateAsync(context.Storage, roleName, name, context.CancellationToken).ConfigureAwait(false);

        var kindText = fields.IsSet("type") ? fields.GetString("type") : existing is null ? null : existing.Kind == TemplateKind.Policy ? "policy" : "generic";
        var template = new TemplateEntry(
            Name: name,
            Kind: kindText switch
            {
                "policy" => TemplateKind.Policy,
                "generic" => TemplateKind.Generic,
                _ => throw RequestException.BadRequest("missing type: policy or generic"),
            },
            Path: (fields.IsSet("path") ? fields.GetString("path") : existing?.Path) is { Length: > 0 } path ? path : throw RequestException.BadRequest("missing path"),
            Template: (fields.IsSet("template") ? fields.GetString("template") : existing?.Template) is { Length: > 0 } text ? text : throw RequestException.BadRequest("missing template"));

        var prefix = (await vaultConfig.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false))?.PolicyPrefix ?? VaultConfigEntry.DefaultPolicyPrefix;
        var problems = renderer.Validate(template, role.BasePath, prefix);
        if (problems.Count > 0)
        {
            throw RequestException.BadRequest("invalid template: " + string.Join("; ", problems));
        }

        await roles.PutTemplateAsync(context.Storage, roleName, template, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await roles.DeleteTemplateAsync(context.Storage, fields.RequireString("role"), fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return null;
    }
}
