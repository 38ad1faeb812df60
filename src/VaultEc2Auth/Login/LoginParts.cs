using VaultEc2Auth.Config;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Sdk.Host;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Login;

/// <summary>Everything the login and renewal handlers compose, each part behind its own name.</summary>
public sealed record LoginParts(
    IIdentityDocumentVerifier Verifier,
    IInstanceDescriber Describer,
    IRoleMatcher Matcher,
    InstanceMaterializer Materializer,
    OperatorCertificates Certificates,
    RoleStore Roles,
    AccessList AccessList,
    InstanceLocks Locks,
    CachedEntry<CloudClientSettings> ClientConfig,
    StsRoles StsRoles,
    TimeProvider Clock)
{
    /// <summary>Each provider's identifier rules, which an instance's template values are checked with.</summary>
    public required InstanceIdentifierRuleSet IdentifierRules { get; init; }

    /// <summary>
    /// Describes the document's instance with the credentials its account is configured for (config/sts, else
    /// config/client), and refuses it unless the live instance agrees with the signed document.
    /// </summary>
    public async Task<InstanceFacts> DescribeAsync(IStorage storage, VerifiedDocument document, CancellationToken cancellationToken)
    {
        InstanceAgreement.CheckDocumentTime(document, Clock.GetUtcNow());
        var settings = await CloudSettingsAsync(storage, cancellationToken).ConfigureAwait(false);
        var stsRole = await StsRoles.ForAccountAsync(storage, document.AccountId, cancellationToken).ConfigureAwait(false);
        var instance = await Describer.DescribeAsync(document, settings, stsRole, cancellationToken).ConfigureAwait(false);
        InstanceAgreement.Check(document, instance);
        return instance;
    }

    public async Task<CloudClientSettings> CloudSettingsAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var settings = await ClientConfig.GetAsync(storage, cancellationToken).ConfigureAwait(false) ?? CloudClientSettings.Default;
        // config/client already accepts gce (the contract of the GCE provider to come); until its verifier and
        // describer exist, a gce mount must refuse logins rather than check GCE instances against EC2.
        return settings.CloudProvider == "aws"
            ? settings
            : throw Sdk.Framework.RequestException.BadRequest($"cloud_provider {settings.CloudProvider} is not supported by this build of the plugin yet");
    }
}
