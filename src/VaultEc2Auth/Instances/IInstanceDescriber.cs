using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Instances;

/// <summary>
/// Looks an instance up with its cloud (EC2 DescribeInstances, then IAM GetInstanceProfile for the role ARN),
/// in the document's region and account, and checks that the live instance agrees with the signed document.
/// </summary>
public interface IInstanceDescriber
{
    /// <summary>
    /// With <paramref name="stsRole"/> (config/sts of the document's account) EC2 and IAM are called with that
    /// role's assumed credentials, else with config/client's.
    /// Throws <see cref="Failures.Refused"/> when the instance is unknown or disagrees with the document, and
    /// <see cref="Failures.UpstreamFailure"/> naming EC2, IAM or STS when they cannot be reached or answer with an error
    /// (the AWS request id, never AWS's text) or when no usable credentials exist (NotConfigured).
    /// A state other than running is returned, not thrown: the caller decides.
    /// </summary>
    Task<InstanceFacts> DescribeAsync(VerifiedDocument document, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken);

    /// <summary>
    /// The current state of up to 100 instances of one account and region in one DescribeInstances call (more only
    /// when EC2 pages its answer; throttling is retried with backoff), with the credentials that account is
    /// configured for: its config/sts role, else config/client's. An id EC2 does not know is absent from the result:
    /// the caller reads that as unknown. Throws <see cref="VaultPlugin.Sdk.Framework.RequestException"/>: Coded
    /// 502 (naming the AWS request id) when EC2 keeps failing or throttling; BadRequest without usable credentials.
    /// </summary>
    Task<IReadOnlyDictionary<string, InstanceState>> DescribeStatesAsync(
        string accountId, string region, IReadOnlyList<string> instanceIds, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken);
}
