using System.Text.Json.Nodes;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>Rendered sets shaped like the plugin's: one PKI role and one policy per instance.</summary>
internal static class Sample
{
    public static RenderedPolicy Policy(string instance, string extra = "") => new(
        $"ec2-instance-{instance}",
        $"path \"pki/issue/ec2-{instance}\" {{\n  capabilities = [\"update\"]\n}}\n{extra}");

    public static RenderedObject Role(string instance, string domain = "example.com") => new(
        $"pki/roles/ec2-{instance}",
        new JsonObject
        {
            ["allowed_domains"] = new JsonArray($"{instance}.{domain}"),
            ["allow_bare_domains"] = true,
            ["allow_subdomains"] = false,
        });

    public static RenderedSet For(string instance) => new([Policy(instance)], [Role(instance)]);
}
