using VaultEc2Auth.Templates;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>The policy subset Vault accepts, checked before a template is stored.</summary>
public sealed class PolicyHclTests
{
    [Fact]
    public void Policy_with_every_path_block_key_and_every_comment_style_is_accepted()
    {
        const string policy = """
            # a comment
            // another
            /* a block
               comment */
            path "pki/issue/ec2-abc" {
              capabilities = ["create", "read", "update", "delete", "list", "sudo", "deny", "patch"]
              allowed_parameters = {
                "common_name" = ["ip-10-0-1-11.ec2.internal"]
                "ttl" = []
              }
              denied_parameters = { "alt_names" = [] }
              required_parameters = ["common_name"]
              min_wrapping_ttl = "1s"
              max_wrapping_ttl = 90
            }
            path "secret/old" { policy = "read" }
            """;

        Assert.Null(PolicyHcl.Check(policy));
    }

    [Fact]
    public void List_closed_with_a_brace_is_refused_with_line_and_column()
    {
        var problem = PolicyHcl.Check("path \"pki/issue/x\" {\n  capabilities = [\"read\" }");

        Assert.NotNull(problem);
        Assert.Equal((2, 26), (problem.Line, problem.Column));
        Assert.Contains("expected ',' or ']'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_capability_is_refused_naming_it_and_vaults_capabilities()
    {
        var problem = PolicyHcl.Check("""path "pki/issue/x" { capabilities = ["reed"] }""");

        Assert.NotNull(problem);
        Assert.Equal((1, 38), (problem.Line, problem.Column));
        Assert.Contains("unknown capability \"reed\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains("create, read, update, delete, list, sudo, deny, patch", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("path \"x\" { capabilities = [\"read\"] ", "'}' closing the path block")]
    [InlineData("path \"x\" { capabilites = [\"read\"] }", "unknown key 'capabilites'")]
    [InlineData("paths \"x\" { capabilities = [\"read\"] }", "unknown top-level key 'paths'")]
    [InlineData("path \"pki/x { capabilities = [] }", "string is not closed")]
    [InlineData("path \"x\" { capabilities = [\"read\"] } /* open", "comment is not closed")]
    [InlineData("# only a comment", "no 'path' block")]
    [InlineData("path \"x\" { capabilities = \"read\" }", "'[' starting the list of 'capabilities'")]
    [InlineData("path \"x\" { policy = \"admin\" }", "unknown policy \"admin\"")]
    public void Malformed_policy_is_refused_saying_what_was_expected(string policy, string expected)
    {
        var problem = PolicyHcl.Check(policy);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 1 && problem.Column >= 1);
    }
}
