using Scriban.Runtime;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Templates;

/// <summary>
/// Made-up instances a template is rendered for when an operator writes it. <see cref="First"/> and
/// <see cref="Other"/> differ in every per-instance value (account, region, instance, DNS name, address), so a
/// template that renders for both renders for the shapes real instances have. <see cref="Neighbour"/> differs from
/// <see cref="First"/> only in its instance ID: same account, region, tags and even the same private DNS name and
/// address, because private addresses repeat across VPCs and over time. A policy name or object path must differ
/// between all of them, or two real instances would overwrite each other's. Tags answer every key with the same
/// value on all three: tags are chosen by whoever tags the instance and prove nothing about which instance it is.
/// </summary>
internal static class SyntheticInstances
{
    public const string RoleName = "synthetic-role";

    public static IScriptObject First(string basePath) => Create(basePath,
        accountId: "111111111111", region: "us-east-1", zone: "us-east-1a", instanceId: "i-0a1b2c3d4e5f60718",
        fqdn: "ip-10-0-0-1.ec2.internal", ip: "10.0.0.1", instanceName: "synthetic-a");

    public static IScriptObject Other(string basePath) => Create(basePath,
        accountId: "222222222222", region: "eu-west-3", zone: "eu-west-3b", instanceId: "i-0f9e8d7c6b5a49382",
        fqdn: "ip-172-31-5-9.eu-west-3.compute.internal", ip: "172.31.5.9", instanceName: "synthetic-b");

    public static IScriptObject Neighbour(string basePath) => Create(basePath,
        accountId: "111111111111", region: "us-east-1", zone: "us-east-1a", instanceId: "i-0c4d5e6f708192a3b",
        fqdn: "ip-10-0-0-1.ec2.internal", ip: "10.0.0.1", instanceName: "synthetic-a");

    // A GCE instance deleted and created again keeps its name and gets a new id: Neighbour shares First's name.
    private static IScriptObject Create(string basePath, string accountId, string region, string zone,
        string instanceId, string fqdn, string ip, string instanceName)
    {
        var variables = new TemplateVariables(
            InstanceHash: InstanceHash.Compute(accountId, region, instanceId),
            Fqdn: fqdn,
            InternalIPv4: ip,
            BasePath: basePath,
            InstanceId: instanceId,
            AccountId: accountId,
            Region: region,
            AvailabilityZone: zone,
            ImageId: "ami-0123456789abcdef0",
            InstanceType: "t3.micro",
            RoleName: RoleName,
            IamRoleArn: $"arn:aws:iam::{accountId}:role/synthetic-instance-role",
            IamRoleName: "synthetic-instance-role",
            Tags: new Dictionary<string, string>())
        {
            IdentifierRules = OwnValues.Instance,
            ProjectId = $"synthetic-project-{accountId[0]}",
            Zone = zone,
            InstanceName = instanceName,
            ServiceAccount = $"synthetic@synthetic-project-{accountId[0]}.iam.gserviceaccount.com",
        };
        return new InstanceScriptObject(variables, SyntheticTags.Instance, SyntheticTags.Instance);
    }

    /// <summary>
    /// The synthetic values are this class's constants, not anything an instance or its owner chose, so there is
    /// nothing to check them against; they offer every variable, the AWS-only and GCE-only ones included, so a
    /// template that reads any of them validates on write.
    /// </summary>
    private sealed class OwnValues : IInstanceIdentifierRules, IAwsOnlyIdentifierRules, IGceOnlyIdentifierRules
    {
        public static readonly OwnValues Instance = new();

        public string CloudProvider => "synthetic";

        public bool IsInstanceId(string value) => true;

        public bool IsAccountId(string value) => true;

        public bool IsRegion(string value) => true;

        public bool IsZone(string value) => true;

        public bool IsImageId(string value) => true;

        public bool IsInstanceType(string value) => true;

        public bool IsIamRoleArn(string value) => true;

        public bool IsIamRoleName(string value) => true;

        public bool IsInstanceName(string value) => true;

        public bool IsServiceAccountEmail(string value) => true;

        public bool IsLabelKey(string value) => true;

        public bool IsLabelValue(string value) => true;
    }
}
