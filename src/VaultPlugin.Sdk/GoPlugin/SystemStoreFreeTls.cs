using System.Collections.ObjectModel;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Keeps the system CA store out of the plugin's TLS start (docs/protocol.md §3.6). On Linux the first X509 chain build of
/// a process loads the whole store (~40 ms of OpenSSL PEM parsing on our machines), and .NET builds chains twice per
/// AutoMTLS connection although none decides anything: for our self-signed certificate when it is presented
/// (<see cref="SslStreamCertificateContext.Create(X509Certificate2, X509Certificate2Collection?, bool, SslCertificateTrust?)"/>),
/// and for the host's certificate, which we accept only by exact DER match. Both shortcuts reach private
/// members of System.Net.Security; on a runtime that lacks them each falls back to the standard path, which is
/// correct, only slower.
/// </summary>
internal static class SystemStoreFreeTls
{
    private static readonly bool PeerShortcutAvailable = ProbePeerShortcut();

    /// <summary>The context for presenting our self-signed certificate (as server or client): no chain build.</summary>
    public static SslStreamCertificateContext OwnCertificateContext(X509Certificate2 certificate)
    {
        try
        {
            return NewContext(certificate, ReadOnlyCollection<X509Certificate2>.Empty, null);
        }
        catch (MissingMethodException)
        {
            return SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        }
    }

    /// <summary>
    /// Call before the handshake reads the peer's certificate. SslStream skips validation when the peer presents
    /// exactly the certificate it already holds (its renegotiation path), so seeding it with a copy of the pinned
    /// certificate accepts that certificate without a chain build. Any other certificate, or none, still goes
    /// through the normal validation and the caller's callback, which must reject it.
    /// </summary>
    public static void ExpectPeer(SslStream stream, X509Certificate2 pinned)
    {
        if (PeerShortcutAvailable)
        {
            RemoteCertificate(stream) ??= new X509Certificate2(pinned);
        }
    }

    private static bool ProbePeerShortcut()
    {
        try
        {
            using var probe = new SslStream(new MemoryStream());
            return RemoteCertificate(probe) is null;
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern SslStreamCertificateContext NewContext(
        X509Certificate2 target, ReadOnlyCollection<X509Certificate2> intermediates, SslCertificateTrust? trust);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_remoteCertificate")]
    private static extern ref X509Certificate2? RemoteCertificate(SslStream stream);
}
