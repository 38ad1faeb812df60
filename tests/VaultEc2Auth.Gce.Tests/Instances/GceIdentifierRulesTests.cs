using VaultEc2Auth.Gce.Instances;

namespace VaultEc2Auth.Gce.Tests.Instances;

/// <summary>The shapes of GCE's identifiers, as the verifier, the describer and the domain check them.</summary>
public sealed class GceIdentifierRulesTests
{
    private static readonly GceIdentifierRules Rules = new();

    [Fact]
    public void Rules_are_the_gce_providers() => Assert.Equal("gce", Rules.CloudProvider);

    [Theory]
    [InlineData("4570452845155348778", true)]
    [InlineData("1", true)]
    [InlineData("18446744073709551615", true)]
    [InlineData("18446744073709551616", false)]
    [InlineData("123456789012345678901", false)]
    [InlineData("", false)]
    [InlineData("-1", false)]
    [InlineData("i-0123456789abcdef0", false)]
    [InlineData("123\n", false)]
    [InlineData("١٢٣", false)]
    public void Instance_id_is_a_decimal_uint64(string value, bool valid) => Assert.Equal(valid, Rules.IsInstanceId(value));

    [Theory]
    [InlineData("test-project-1", true)]
    [InlineData("abcdef", true)]
    [InlineData("a23456789012345678901234567890", true)]
    [InlineData("a234567890123456789012345678901", false)]
    [InlineData("abcde", false)]
    [InlineData("1project", false)]
    [InlineData("project-", false)]
    [InlineData("Project-1", false)]
    [InlineData("example.com:project", false)]
    [InlineData("test-project-1\n", false)]
    public void Project_id_is_6_to_30_lowercase_letters_digits_and_hyphens(string value, bool valid) => Assert.Equal(valid, Rules.IsAccountId(value));

    [Theory]
    [InlineData("us-central1", true)]
    [InlineData("northamerica-northeast2", true)]
    [InlineData("me-central2", true)]
    [InlineData("us-central1-a", false)]
    [InlineData("us-central", false)]
    [InlineData("eu-west-1", false)]
    public void Region_is_an_area_a_direction_and_a_number(string value, bool valid) => Assert.Equal(valid, Rules.IsRegion(value));

    [Theory]
    [InlineData("us-central1-a", true)]
    [InlineData("europe-west4-c", true)]
    [InlineData("us-central1", false)]
    [InlineData("us-central1-ab", false)]
    [InlineData("us-central1-a\n", false)]
    [InlineData("us-central1-a/../b", false)]
    public void Zone_is_a_region_and_a_letter(string value, bool valid) => Assert.Equal(valid, Rules.IsZone(value));

    [Fact]
    public void Region_of_a_zone_drops_its_letter()
    {
        Assert.Equal("us-central1", GceIdentifierRules.RegionOfZone("us-central1-a"));
        Assert.Null(GceIdentifierRules.RegionOfZone("us-central1"));
    }

    [Theory]
    [InlineData("web-1", true)]
    [InlineData("a", true)]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123", true)]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", false)]
    [InlineData("1web", false)]
    [InlineData("web-", false)]
    [InlineData("Web-1", false)]
    [InlineData("web_1", false)]
    [InlineData("web.1", false)]
    [InlineData("", false)]
    public void Instance_name_is_an_RFC_1035_label(string value, bool valid) => Assert.Equal(valid, GceIdentifierRules.IsValidInstanceName(value));

    [Theory]
    [InlineData("vault-client@test-project-1.iam.gserviceaccount.com", true)]
    [InlineData("123456789012-compute@developer.gserviceaccount.com", true)]
    [InlineData("test-project-1@appspot.gserviceaccount.com", true)]
    [InlineData("service-123456789012@compute-system.iam.gserviceaccount.com", true)]
    [InlineData("someone@example.com", false)]
    [InlineData("vault-client@gserviceaccount.com", false)]
    [InlineData("Vault-Client@test-project-1.iam.gserviceaccount.com", false)]
    [InlineData("vault-client@test-project-1.iam.gserviceaccount.com.evil.example", false)]
    [InlineData("a@b@test-project-1.iam.gserviceaccount.com", false)]
    public void Service_account_email_is_a_lowercase_account_at_gserviceaccount_com(string value, bool valid) =>
        Assert.Equal(valid, GceIdentifierRules.IsValidServiceAccountEmail(value));

    [Theory]
    [InlineData("team", true)]
    [InlineData("cost_center-2", true)]
    [InlineData("équipe", true)]
    [InlineData("2team", false)]
    [InlineData("Team", false)]
    [InlineData("", false)]
    [InlineData("team name", false)]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123", true)]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", false)]
    public void Label_key_starts_with_a_lowercase_letter(string value, bool valid) => Assert.Equal(valid, GceIdentifierRules.IsValidLabelKey(value));

    [Theory]
    [InlineData("", true)]
    [InlineData("payments", true)]
    [InlineData("2026-q4", true)]
    [InlineData("Payments", false)]
    [InlineData("a/b", false)]
    [InlineData("{{ x }}", false)]
    public void Label_value_is_up_to_63_label_characters(string value, bool valid) => Assert.Equal(valid, GceIdentifierRules.IsValidLabelValue(value));
}
