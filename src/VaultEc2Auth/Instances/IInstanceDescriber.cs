using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Instances;

/// <summary>
/// Looks an instance up with its cloud (EC2 DescribeInstances, then IAM GetInstanceProfile for the role ARN),
/// in the document's region and account, and checks that the live instance agrees with the signed document.
/// </summary>
public interface IInstanceDescriber
{
    /// <summary>
    /// Throws <see cref="Failures.Refused"/> when the instance is unknown or disagrees with the document, and
    /// <see cref="Failures.UpstreamFailure"/> naming EC2 or IAM when they cannot be reached or answer with an error
    /// (the AWS request id, never AWS's text) or when no usable credentials exist (NotConfigured).
    /// A state other than running is returned, not thrown: the caller decides.
    /// </summary>
    Task<InstanceFacts> DescribeAsync(VerifiedDocument document, CloudClientSettings settings, CancellationToken cancellationToken);
}
