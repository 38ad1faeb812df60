using VaultPlugin.Sdk.Framework;

namespace VaultPlugin.Sdk.Tests.Framework;

public sealed class PathPatternTests
{
    [Fact]
    public void One_parameter_captures_one_segment()
    {
        Assert.True(new PathPattern("roles/{name}").TryMatch("roles/web-01", out var captures));
        Assert.Equal("web-01", captures["name"]);
    }

    [Fact]
    public void Two_parameters_capture_their_segments()
    {
        var pattern = new PathPattern("templates/{role}/{name}");

        Assert.True(pattern.TryMatch("templates/web/policy.hcl", out var captures));
        Assert.Equal("web", captures["role"]);
        Assert.Equal("policy.hcl", captures["name"]);
        Assert.Equal(["role", "name"], pattern.Parameters);
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("roles/")]
    public void List_pattern_matches_with_and_without_trailing_slash(string path) =>
        Assert.True(new PathPattern("roles/").TryMatch(path, out _));

    [Theory]
    [InlineData("roles/../x")]
    [InlineData("roles/..")]
    [InlineData("roles/a/b")]
    [InlineData("roles/")]
    [InlineData("roles")]
    [InlineData("roles/-web")]
    [InlineData("roles/web/")]
    [InlineData("roles/we b")]
    [InlineData("xroles/web")]
    [InlineData("roles/web\n")]
    public void Parameter_rejects_traversal_extra_segments_and_odd_names(string path) =>
        Assert.False(new PathPattern("roles/{name}").TryMatch(path, out _));

    [Fact]
    public void Parameter_is_limited_to_128_characters()
    {
        var pattern = new PathPattern("roles/{name}");

        Assert.True(pattern.TryMatch("roles/" + new string('a', 128), out _));
        Assert.False(pattern.TryMatch("roles/" + new string('a', 129), out _));
    }

    [Fact]
    public void Literal_pattern_matches_only_itself()
    {
        var pattern = new PathPattern("login");

        Assert.True(pattern.TryMatch("login", out var captures));
        Assert.Empty(captures);
        Assert.False(pattern.TryMatch("login/", out _));
        Assert.False(pattern.TryMatch("loginx", out _));
    }

    [Fact]
    public void Literal_dots_in_the_template_are_not_wildcards()
    {
        Assert.False(new PathPattern("config.json").TryMatch("configxjson", out _));
    }

    [Theory]
    [InlineData("roles/{name}", "/roles/{name}")]
    [InlineData("roles/", "/roles")]
    [InlineData("login", "/login")]
    public void OpenApi_path_has_a_leading_slash_and_no_trailing_slash(string template, string expected) =>
        Assert.Equal(expected, new PathPattern(template).OpenApiPath);
}
