using VaultEc2Auth.Instances;
using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>
/// The instance ID, account, region and zone a template reads are checked with the rules of the instance's
/// provider, not with AWS's shapes; image, instance type and IAM role exist only where the rules have them.
/// </summary>
public sealed class ProviderIdentifierRulesTests
{
    /// <summary>GCE-shaped rules, as a GCE adapter would bring them: numeric ids, project ids, <c>us-central1</c>.</summary>
    private sealed class GceShapedRules : IInstanceIdentifierRules
    {
        public string CloudProvider => "gce";

        public bool IsInstanceId(string value) => value.Length is > 0 and <= 20 && value.All(char.IsAsciiDigit);

        public bool IsAccountId(string value) => value is "my-project-42";

        public bool IsRegion(string value) => value is "us-central1";

        public bool IsZone(string value) => value is "us-central1-a";
    }

    private static TemplateVariables GceInstance() => Variables() with
    {
        InstanceId = "4567890123456789012",
        AccountId = "my-project-42",
        Region = "us-central1",
        AvailabilityZone = "us-central1-a",
        IdentifierRules = new GceShapedRules(),
    };

    [Fact]
    public void Identifiers_of_a_gce_instance_render_under_its_providers_rules()
    {
        Assert.Equal("4567890123456789012 my-project-42 us-central1 us-central1-a",
            RenderText("{{ InstanceId }} {{ AccountId }} {{ Region }} {{ AvailabilityZone }}", GceInstance()));
    }

    [Theory]
    [InlineData("InstanceId")]
    [InlineData("AccountId")]
    [InlineData("Region")]
    [InlineData("AvailabilityZone")]
    public void Aws_shaped_identifier_on_a_gce_instance_is_denied_by_its_providers_rules(string variable)
    {
        var aws = Variables();
        var variables = variable switch
        {
            "InstanceId" => GceInstance() with { InstanceId = aws.InstanceId },
            "AccountId" => GceInstance() with { AccountId = aws.AccountId },
            "Region" => GceInstance() with { Region = aws.Region },
            _ => GceInstance() with { AvailabilityZone = aws.AvailabilityZone },
        };

        var refusal = Refusal(variables, Policy("{{ InstanceHash }}", $"{{{{ {variable} }}}}"));

        Assert.Equal($"{variable} of this instance does not match its expected pattern", refusal.Message);
    }

    [Theory]
    [InlineData("ImageId")]
    [InlineData("InstanceType")]
    [InlineData("IamRoleArn")]
    [InlineData("IamRoleName")]
    public void Aws_only_values_are_not_offered_for_a_provider_whose_rules_lack_them(string variable)
    {
        var refusal = Refusal(GceInstance(), Policy("{{ InstanceHash }}", $"{{{{ {variable} }}}}"));

        Assert.Equal($"a template reads {variable}, which this instance does not have", refusal.Message);
    }

    [Fact]
    public void Provider_neutral_values_of_a_gce_instance_keep_their_own_rules()
    {
        Assert.Equal($"{Hash} ip-10-1-2-3.eu-central-1.compute.internal 10.1.2.3 web",
            RenderText("{{ InstanceHash }} {{ FQDN }} {{ InternalIPv4 }} {{ RoleName }}", GceInstance()));
    }

    [Fact]
    public void Aws_region_with_a_two_digit_number_renders_like_the_identity_document_accepts_it()
    {
        Assert.Equal("ap-southeast-10", RenderText("{{ Region }}", Variables() with { Region = "ap-southeast-10" }));
    }
}
