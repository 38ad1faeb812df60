using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Templates;

namespace VaultEc2Auth.Tests;

/// <summary>An instance the fake EC2 knows, with the signed document (as a fake pkcs7) it logs in with.</summary>
internal sealed record LaunchedInstance(InstanceFacts Facts, VerifiedDocument Document, string Pkcs7)
{
    public string InstanceId => Facts.InstanceId;

    public string Hash => InstanceHash.Compute(Facts.AccountId, Facts.Region, Facts.InstanceId);

    /// <summary>The policy the harness's PKI templates generate for this instance.</summary>
    public string PolicyName(string prefix = Ec2AuthHarness.DefaultPolicyPrefix) => prefix + Hash;

    /// <summary>The PKI role the harness's PKI templates generate for this instance.</summary>
    public string PkiRolePath => $"{Ec2AuthHarness.BasePath}/ec2-{Hash}";
}
