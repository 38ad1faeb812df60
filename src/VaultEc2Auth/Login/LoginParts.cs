using VaultEc2Auth.Config;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

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
    /// <summary>GCE's token verifier; null in a build without the GCE provider.</summary>
    public IGceIdentityTokenVerifier? GceVerifier { get; init; }

    /// <summary>GCE's describer (Compute Engine).</summary>
    public IInstanceDescriber? GceDescriber { get; init; }

    /// <summary>
    /// Verifies the proof with the signer of the mount's cloud provider: EC2 documents against AWS's and the
    /// operator's certificates, GCE tokens against Google's keys and gce_audience. A proof of the other provider is
    /// refused before any signature work.
    /// </summary>
    public async Task<VerifiedDocument> VerifyAsync(IStorage storage, IdentityProof proof, CancellationToken cancellationToken)
    {
        var settings = await CloudSettingsAsync(storage, cancellationToken).ConfigureAwait(false);
        if (proof.CloudProvider != settings.CloudProvider)
        {
            throw RequestException.BadRequest(settings.CloudProvider == CloudProviders.Gce
                ? "this mount's cloud_provider is gce: log in with jwt"
                : "this mount's cloud_provider is aws: log in with pkcs7, or identity and signature");
        }

        if (settings.CloudProvider == CloudProviders.Gce)
        {
            return await GceVerifier!.VerifyAsync(proof.Jwt!, settings, cancellationToken).ConfigureAwait(false);
        }

        var certificates = await Certificates.AllAsync(storage, cancellationToken).ConfigureAwait(false);
        return Verifier.Verify(proof, certificates);
    }

    /// <summary>Each provider's identifier rules, which an instance's template values are checked with.</summary>
    public required InstanceIdentifierRuleSet IdentifierRules { get; init; }

    /// <summary>
    /// Describes the verified instance with its provider's describer (EC2 with the credentials its account is
    /// configured for: config/sts, else config/client; GCE with config/client's), and refuses it unless the live
    /// instance agrees with the signed document.
    /// </summary>
    public async Task<InstanceFacts> DescribeAsync(IStorage storage, VerifiedDocument document, CancellationToken cancellationToken)
    {
        InstanceAgreement.CheckDocumentTime(document, Clock.GetUtcNow());
        var settings = await CloudSettingsAsync(storage, cancellationToken).ConfigureAwait(false);
        if (document.CloudProvider != settings.CloudProvider)
        {
            throw new Failures.Refused($"the instance is a {document.CloudProvider} instance; this mount's cloud_provider is now {settings.CloudProvider}");
        }

        if (document.CloudProvider == CloudProviders.Gce && settings.GceProject is { } project && document.AccountId != project)
        {
            throw new Failures.Refused("the instance is in another project than config/client's gce_project");
        }

        var instance = document.CloudProvider == CloudProviders.Gce
            ? await GceDescriber!.DescribeAsync(document, settings, null, cancellationToken).ConfigureAwait(false)
            : await Describer.DescribeAsync(document, settings, await StsRoles.ForAccountAsync(storage, document.AccountId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        InstanceAgreement.Check(document, instance);
        return instance;
    }

    /// <summary>The current states of instances of one account (project) and region (GCE: zone), for the tidy.</summary>
    public async Task<IReadOnlyDictionary<string, InstanceState>> DescribeStatesAsync(
        IStorage storage, string cloudProvider, string accountId, string location, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var settings = await CloudSettingsAsync(storage, cancellationToken).ConfigureAwait(false);
        if (cloudProvider == CloudProviders.Gce)
        {
            return await GceDescriber!.DescribeStatesAsync(accountId, location, instanceIds, settings, null, cancellationToken).ConfigureAwait(false);
        }

        var stsRole = await StsRoles.ForAccountAsync(storage, accountId, cancellationToken).ConfigureAwait(false);
        return await Describer.DescribeStatesAsync(accountId, location, instanceIds, settings, stsRole, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>config/client, or the AWS defaults; a gce mount in a build without the GCE adapter is refused.</summary>
    public async Task<CloudClientSettings> CloudSettingsAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var settings = await ClientConfig.GetAsync(storage, cancellationToken).ConfigureAwait(false) ?? CloudClientSettings.Default;
        return settings.CloudProvider == CloudProviders.Aws || (GceVerifier is not null && GceDescriber is not null)
            ? settings
            : throw RequestException.BadRequest($"cloud_provider {settings.CloudProvider} is not supported by this build of the plugin");
    }
}
