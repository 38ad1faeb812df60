using VaultEc2Auth.Aws;

namespace VaultEc2Auth.Aws.Tests;

public sealed class AwsIdentifierRulesTests
{
    private static readonly AwsIdentifierRules Rules = new();

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-north-1")]
    [InlineData("ap-southeast-10")]
    public void Region_names_of_every_partition_are_regions(string region) => Assert.True(Rules.IsRegion(region));

    [Theory]
    [InlineData("eu-west")]
    [InlineData("EU-WEST-1")]
    [InlineData("us-central1")]
    [InlineData("eu-west-1.evil.example")]
    [InlineData("eu-west-100")]
    [InlineData("eu-west-1\n")]
    [InlineData("")]
    public void Region_that_is_not_an_aws_region_name_is_refused(string region) => Assert.False(Rules.IsRegion(region));

    [Fact]
    public void Region_longer_than_32_characters_is_refused() =>
        Assert.False(Rules.IsRegion("eu-" + string.Join('-', Enumerable.Repeat("west", 7)) + "-1"));

    [Theory]
    [InlineData("us-east-1a")]
    [InlineData("us-west-2-lax-1a")]
    [InlineData("us-east-1-wl1-bos-wlz-1")]
    public void Regional_local_and_wavelength_zones_are_zones(string zone) => Assert.True(Rules.IsZone(zone));

    [Theory]
    [InlineData("us-east-1a\"")]
    [InlineData("us-east-1a\n")]
    [InlineData("US-EAST-1A")]
    public void Zone_with_characters_outside_a_zone_name_is_refused(string zone) => Assert.False(Rules.IsZone(zone));

    [Theory]
    [InlineData("i-0123abcd", true)]
    [InlineData("i-0123456789abcdef0", true)]
    [InlineData("i-0123456789ABCDEF0", false)]
    [InlineData("i-0123", false)]
    [InlineData("i-0123456789abcdef0\n", false)]
    [InlineData("4567890123456789012", false)]
    public void Instance_id_is_i_and_8_to_17_lowercase_hex_digits(string value, bool expected) =>
        Assert.Equal(expected, Rules.IsInstanceId(value));

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("12345678901", false)]
    [InlineData("1234567890123", false)]
    [InlineData("123456789012\n", false)]
    [InlineData("my-project", false)]
    public void Account_id_is_12_digits(string value, bool expected) => Assert.Equal(expected, Rules.IsAccountId(value));

    [Theory]
    [InlineData("ami-0abcdef1234567890", true)]
    [InlineData("ami-xyz12345", false)]
    [InlineData("ami-0abcdef1234567890\n", false)]
    public void Image_id_is_ami_and_lowercase_hex_digits(string value, bool expected) => Assert.Equal(expected, Rules.IsImageId(value));

    [Theory]
    [InlineData("m5.large", true)]
    [InlineData("u-6tb1.metal", true)]
    [InlineData("m5 large", false)]
    [InlineData("e2-medium", false)]
    public void Instance_type_is_family_dot_size(string value, bool expected) => Assert.Equal(expected, Rules.IsInstanceType(value));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/app/web-server", true)]
    [InlineData("arn:aws-cn:iam::123456789012:role/web", true)]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/web", true)]
    [InlineData("arn:aws-iso:iam::123456789012:role/web", false)]
    [InlineData("arn:aws:iam::123456789012:user/web", false)]
    [InlineData("arn:aws:iam::123456789012:role/web\n", false)]
    [InlineData("arn:aws:iam::123456789012:role/", false)]
    public void Iam_role_arn_is_a_role_in_a_partition_the_plugin_reaches(string value, bool expected) =>
        Assert.Equal(expected, Rules.IsIamRoleArn(value));

    [Theory]
    [InlineData("web-server", true)]
    [InlineData("a_b+c=d,e.f@g-h", true)]
    [InlineData("web\"server", false)]
    [InlineData("web/server", false)]
    public void Iam_role_name_is_iams_name_character_set(string value, bool expected) => Assert.Equal(expected, Rules.IsIamRoleName(value));

    [Fact]
    public void Rules_are_awss() => Assert.Equal("aws", Rules.CloudProvider);
}
