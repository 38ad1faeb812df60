namespace VaultEc2Auth.Instances;

/// <summary>Each provider's <see cref="IInstanceIdentifierRules"/> (from <see cref="Ec2AuthAdapters.IdentifierRules"/>), by <c>cloud_provider</c>.</summary>
public sealed class InstanceIdentifierRuleSet
{
    private readonly Dictionary<string, IInstanceIdentifierRules> _byProvider = new(StringComparer.Ordinal);

    public InstanceIdentifierRuleSet(IEnumerable<IInstanceIdentifierRules> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var provider in rules)
        {
            if (!_byProvider.TryAdd(provider.CloudProvider, provider))
            {
                throw new ArgumentException($"two identifier rules for cloud provider {provider.CloudProvider}", nameof(rules));
            }
        }
    }

    /// <summary>
    /// The rules of <paramref name="cloudProvider"/>. A provider whose verifier is mounted without its rules is a
    /// composition error, not something an instance or an operator can cause.
    /// </summary>
    public IInstanceIdentifierRules For(string cloudProvider) =>
        _byProvider.TryGetValue(cloudProvider, out var rules)
            ? rules
            : throw new InvalidOperationException($"no identifier rules for cloud provider {cloudProvider}: the composition root must add its adapter's rules");
}
