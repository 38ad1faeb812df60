using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Tests.Instances;

public sealed class InstanceIdentifierRuleSetTests
{
    private sealed class NamedRules(string provider) : IInstanceIdentifierRules
    {
        public string CloudProvider => provider;

        public bool IsInstanceId(string value) => false;

        public bool IsAccountId(string value) => false;

        public bool IsRegion(string value) => false;

        public bool IsZone(string value) => false;
    }

    [Fact]
    public void Each_provider_gets_its_own_adapters_rules()
    {
        var aws = new NamedRules("aws");
        var gce = new NamedRules("gce");
        var set = new InstanceIdentifierRuleSet([aws, gce]);

        Assert.Same(aws, set.For("aws"));
        Assert.Same(gce, set.For("gce"));
    }

    [Fact]
    public void Provider_without_rules_is_a_composition_error_naming_the_provider()
    {
        var set = new InstanceIdentifierRuleSet([new NamedRules("aws")]);

        var error = Assert.Throws<InvalidOperationException>(() => set.For("gce"));

        Assert.Contains("cloud provider gce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rules_objects_for_one_provider_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new InstanceIdentifierRuleSet([new NamedRules("aws"), new NamedRules("aws")]));
    }
}
