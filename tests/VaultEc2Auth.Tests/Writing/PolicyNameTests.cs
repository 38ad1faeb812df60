using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Tests.Writing;

public sealed class PolicyNameTests
{
    [Theory]
    [InlineData("ec2-0123456789abcdef0123456789abcdef")]
    [InlineData("a")]
    [InlineData("9.x_y-z")]
    public void Lowercase_name_of_vaults_plain_characters_is_a_policy_name(string name)
    {
        Assert.True(PolicyName.TryParse(name, out var policy));
        Assert.Equal(name, policy.Value);
    }

    [Theory]
    [InlineData("", "policy name must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("Ec2-web", "policy name must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("-web", "policy name must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("ec2/web", "policy name must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("ec2-web\n", "policy name must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("root", "policy name must not be root")]
    [InlineData("default", "policy name must not be default")]
    public void Name_vault_would_alter_or_reserves_is_refused_saying_why(string name, string problem)
    {
        Assert.Equal(problem, PolicyName.Problem(name));
        Assert.False(PolicyName.TryParse(name, out _));
    }

    [Fact]
    public void Name_is_at_most_128_characters()
    {
        Assert.True(PolicyName.IsValid(new string('a', 128)));
        Assert.Equal("policy name is longer than 128 characters", PolicyName.Problem(new string('a', 129)));
    }

    [Theory]
    [InlineData("ec2-", 64, true)]
    [InlineData("ec2-\n", 64, false)]
    [InlineData("", 64, false)]
    [InlineData("EC2-", 64, false)]
    [InlineData("root", 64, false)]
    [InlineData("abcde", 4, false)]
    public void Prefix_is_a_short_policy_name(string prefix, int maxLength, bool valid) =>
        Assert.Equal(valid, PolicyName.IsValidPrefix(prefix, maxLength));
}
