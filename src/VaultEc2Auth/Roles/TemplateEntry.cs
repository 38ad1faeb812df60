namespace VaultEc2Auth.Roles;

/// <summary>What a template renders to: a Vault ACL policy, or a JSON object written under the role's base path.</summary>
public enum TemplateKind { Policy, Generic }

/// <summary>
/// <c>templates/&lt;role&gt;/&lt;name&gt;</c>. Both <see cref="Path"/> and <see cref="Template"/> are Scriban
/// templates (Go-template spelling <c>{{.FQDN}}</c> accepted).
/// </summary>
public sealed record TemplateEntry(string Name, TemplateKind Kind, string Path, string Template);
