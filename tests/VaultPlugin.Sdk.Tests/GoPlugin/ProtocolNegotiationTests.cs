using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

public sealed class ProtocolNegotiationTests
{
    [Theory]
    [InlineData("3,4", 4)]
    [InlineData("4,3", 4)]
    [InlineData("5", 5)]
    [InlineData("4,5", 5)]
    [InlineData(" 4 , 3 ", 4)]
    public void Highest_offered_version_the_plugin_serves_is_chosen(string offered, int expected) =>
        Assert.Equal(expected, ProtocolNegotiation.Choose(offered));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Absent_version_list_means_protocol_3_as_Vault_0_10_1_expects(string? offered) =>
        Assert.Equal(3, ProtocolNegotiation.Choose(offered));

    [Theory]
    [InlineData("6")]
    [InlineData("1,2")]
    [InlineData("five")]
    public void Offer_without_a_version_the_plugin_serves_yields_no_choice(string offered) =>
        Assert.Null(ProtocolNegotiation.Choose(offered));
}
