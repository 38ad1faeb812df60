using VaultEc2Auth.Roles;
using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Roles;

/// <summary>One base_path rule for roles/ on write and for the template layer before it renders.</summary>
public sealed class VaultBasePathTests
{
    [Theory]
    [InlineData("pki")]
    [InlineData("pki-int/roles")]
    [InlineData("secret/data/ec2.instances")]
    public void Segments_of_safe_characters_outside_system_mounts_are_a_base_path(string basePath) =>
        Assert.Null(VaultBasePath.Problem(basePath));

    [Theory]
    [InlineData("pki/roles\n")]
    [InlineData("pki:x")]
    [InlineData("pki+")]
    [InlineData("pki//roles")]
    public void Trailing_newline_or_a_character_outside_the_safe_set_is_refused_naming_base_path(string basePath) =>
        Assert.StartsWith("base_path must be segments", VaultBasePath.Problem(basePath), StringComparison.Ordinal);

    [Fact]
    public void System_mount_is_refused_naming_it() =>
        Assert.Equal("base_path cannot be under sys/", VaultBasePath.Problem("sys/policies"));

    [Fact]
    public void Generic_template_is_not_validated_against_a_base_path_roles_would_refuse()
    {
        var problems = Validate(Generic("roles/{{ InstanceHash }}", """{"a": "b"}"""), basePath: "pki/roles\n");

        Assert.Equal([new TemplateProblem("base_path", 0, 0, VaultBasePath.Problem("pki/roles\n")!)], problems);
    }

    [Fact]
    public void Template_reading_a_base_path_roles_would_refuse_is_denied_at_render()
    {
        var refusal = Refusal(Variables() with { BasePath = "pki:x" }, Policy("{{ InstanceHash }}", "{{ BasePath }}"));

        Assert.Equal("BasePath of this instance does not match its expected pattern", refusal.Message);
    }
}
