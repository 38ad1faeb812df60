using System.Security.Cryptography.X509Certificates;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The TLS identity of one plugin process: the certificate it serves (and presents when dialing the host's
/// broker), the single host certificate it accepts as peer, and the name the host's broker certificate carries.
/// Null certificates mean plaintext (metadata mode).
/// </summary>
internal sealed record TransportIdentity(
    X509Certificate2? ServerCertificate,
    X509Certificate2? PinnedPeerCertificate,
    string BrokerServerName,
    bool AnnounceCertificate)
{
    public static TransportIdentity Plaintext { get; } = new(null, null, "localhost", false);

    public bool UsesTls => ServerCertificate is not null;

    /// <summary>Exact DER comparison: the host's certificate is self-signed, so chain building would reject it.</summary>
    public bool IsPinnedPeer(X509Certificate2? presented) =>
        presented is not null && PinnedPeerCertificate is not null &&
        presented.RawDataMemory.Span.SequenceEqual(PinnedPeerCertificate.RawDataMemory.Span);
}
