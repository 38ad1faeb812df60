using VaultEc2Auth.Aws;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Templates;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>A well-formed instance and short ways to render templates for it.</summary>
internal static class TestInstance
{
    public const string PolicyPrefix = "ec2-";
    public const string AccountId = "123456789012";
    public const string Region = "eu-central-1";
    public const string InstanceId = "i-0123456789abcdef0";

    public static readonly string Hash = InstanceHash.Compute(AccountId, Region, InstanceId);

    public static TemplateVariables Variables(IReadOnlyDictionary<string, string>? tags = null) => new(
        InstanceHash: Hash,
        Fqdn: "ip-10-1-2-3.eu-central-1.compute.internal",
        InternalIPv4: "10.1.2.3",
        BasePath: "pki",
        InstanceId: InstanceId,
        AccountId: AccountId,
        Region: Region,
        AvailabilityZone: "eu-central-1b",
        ImageId: "ami-0abcdef1234567890",
        InstanceType: "m5.large",
        RoleName: "web",
        IamRoleArn: "arn:aws:iam::123456789012:role/app/web-server",
        IamRoleName: "web-server",
        Tags: tags ?? new Dictionary<string, string> { ["team"] = "payments", ["Name"] = "web 1" })
    {
        IdentifierRules = new AwsIdentifierRules(),
    };

    public static TemplateVariables WithTag(string key, string value) =>
        Variables(new Dictionary<string, string> { [key] = value });

    public static TemplateEntry Policy(string path, string template, string name = "policy") =>
        new(name, TemplateKind.Policy, path, template);

    public static TemplateEntry Generic(string path, string template, string name = "object") =>
        new(name, TemplateKind.Generic, path, template);

    public static RenderedSet Render(TemplateVariables variables, params TemplateEntry[] templates) =>
        new ScribanTemplateRenderer().Render(templates, variables, PolicyPrefix);

    /// <summary>The policy body a policy template with a fixed per-instance name renders.</summary>
    public static string RenderPolicyBody(string template, TemplateVariables? variables = null) =>
        Render(variables ?? Variables(), Policy("{{ InstanceHash }}", template)).Policies.Single().Policy;

    /// <summary>What <c>{{ … }}</c> renders to, as the body of a policy.</summary>
    public static string RenderText(string template, TemplateVariables? variables = null) =>
        RenderPolicyBody(template, variables);

    public static RequestException Refusal(TemplateVariables variables, params TemplateEntry[] templates)
    {
        var refusal = Assert.Throws<RequestException>(() => Render(variables, templates));
        Assert.Equal(RequestErrorKind.PermissionDenied, refusal.Kind);
        return refusal;
    }

    public static IReadOnlyList<TemplateProblem> Validate(TemplateEntry template, string basePath = "pki") =>
        new ScribanTemplateRenderer().Validate(template, basePath, PolicyPrefix);
}
