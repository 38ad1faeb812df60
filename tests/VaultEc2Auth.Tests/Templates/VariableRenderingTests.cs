using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

public sealed class VariableRenderingTests
{
    [Theory]
    [InlineData("InstanceHash", null)]
    [InlineData("FQDN", "ip-10-1-2-3.eu-central-1.compute.internal")]
    [InlineData("InternalIPv4", "10.1.2.3")]
    [InlineData("BasePath", "pki")]
    [InlineData("InstanceId", "i-0123456789abcdef0")]
    [InlineData("AccountId", "123456789012")]
    [InlineData("Region", "eu-central-1")]
    [InlineData("AvailabilityZone", "eu-central-1b")]
    [InlineData("ImageId", "ami-0abcdef1234567890")]
    [InlineData("InstanceType", "m5.large")]
    [InlineData("RoleName", "web")]
    [InlineData("IamRoleArn", "arn:aws:iam::123456789012:role/app/web-server")]
    [InlineData("IamRoleName", "web-server")]
    public void Each_variable_renders_the_instance_value(string variable, string? expected)
    {
        Assert.Equal(expected ?? Hash, RenderText($"{{{{ {variable} }}}}"));
    }

    [Fact]
    public void Tag_renders_by_indexer_and_by_member()
    {
        Assert.Equal("payments payments web 1", RenderText("""{{ Tags["team"] }} {{ Tags.team }} {{ Tags["Name"] }}"""));
    }

    [Fact]
    public void Tag_key_with_colons_is_read_with_the_indexer()
    {
        var variables = WithTag("aws:autoscaling:groupName", "web-asg");

        Assert.Equal("web-asg", RenderText("""{{ Tags["aws:autoscaling:groupName"] }}""", variables));
    }

    [Fact]
    public void Missing_tag_renders_empty_and_can_be_tested()
    {
        Assert.Equal("[]none", RenderText("""[{{ Tags["absent"] }}]{{ if Tags["absent"] == null }}none{{ end }}"""));
    }

    [Fact]
    public void Text_outside_code_blocks_is_kept_as_written()
    {
        const string Policy = "path \"pki/issue/x\" {\n  capabilities = [\"update\"]\n}\n";

        Assert.Equal(Policy, RenderText(Policy));
    }

    [Fact]
    public void Scriban_builtins_and_local_variables_work_on_checked_values()
    {
        Assert.Equal("EU-CENTRAL-1/eu-central-1b",
            RenderText("{{ r = Region | string.upcase }}{{ r }}/{{ AvailabilityZone }}"));
    }
}
