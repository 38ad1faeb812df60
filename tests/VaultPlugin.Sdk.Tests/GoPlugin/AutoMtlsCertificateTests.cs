using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

public sealed class AutoMtlsCertificateTests
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    [Fact]
    public void Certificate_names_localhost_as_its_only_dns_name()
    {
        using var certificate = AutoMtlsCertificate.Create();

        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();
        Assert.Equal(["localhost"], names);
        Assert.True(certificate.MatchesHostname("localhost"));
    }

    [Fact]
    public void Certificate_is_usable_for_server_and_client_authentication()
    {
        using var certificate = AutoMtlsCertificate.Create();

        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages
            .Cast<Oid>().Select(oid => oid.Value).ToList();
        Assert.Contains(ServerAuth, usages);
        Assert.Contains(ClientAuth, usages);
    }

    [Fact]
    public void Certificate_is_valid_now_and_was_already_valid_before_it_was_made()
    {
        var before = DateTime.UtcNow;
        using var certificate = AutoMtlsCertificate.Create();

        Assert.True(certificate.NotBefore.ToUniversalTime() < before);
        Assert.True(certificate.NotAfter.ToUniversalTime() > before.AddYears(1));
    }

    [Fact]
    public void Certificate_carries_its_private_key()
    {
        using var certificate = AutoMtlsCertificate.Create();

        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void Certificate_verifies_against_itself_as_the_only_root_for_both_usages()
    {
        using var certificate = AutoMtlsCertificate.Create();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuth));
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuth));

        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation)));
    }

    [Fact]
    public void Serial_number_is_positive_and_minimally_encoded_over_many_certificates()
    {
        for (var i = 0; i < 200; i++)
        {
            using var certificate = AutoMtlsCertificate.Create();
            var serial = certificate.SerialNumberBytes.Span;

            Assert.True(serial[0] is > 0 and < 0x80, $"serial {certificate.SerialNumber} is negative or has a redundant leading zero");
        }
    }

    [Fact]
    public void Handshake_encoding_is_unpadded_standard_base64_of_the_DER_over_many_certificates()
    {
        var lengthsSeen = new HashSet<int>();
        for (var i = 0; i < 250; i++)
        {
            using var certificate = AutoMtlsCertificate.Create();
            var encoded = AutoMtlsCertificate.HandshakeEncoding(certificate);

            Assert.DoesNotContain('=', encoded);
            Assert.Equal(certificate.RawData, StrictRawBase64.Decode(encoded));
            lengthsSeen.Add(certificate.RawData.Length % 3);
        }

        Assert.True(lengthsSeen.Count > 1, "certificates of a single DER length class do not exercise the padding rule");
    }

    [Fact]
    public void Host_certificate_in_PEM_is_parsed()
    {
        using var host = GoPluginHostCertificate.Create();

        using var parsed = AutoMtlsCertificate.ParseHostCertificate(host.ExportCertificatePem());

        Assert.Equal(host.RawData, parsed.RawData);
    }

    [Fact]
    public void Host_certificate_that_is_not_PEM_is_a_startup_failure()
    {
        var exception = Assert.Throws<PluginStartupException>(() => AutoMtlsCertificate.ParseHostCertificate("not a certificate"));

        Assert.Contains("PLUGIN_CLIENT_CERT", exception.Message);
    }

    [Fact]
    public void Handshake_encoding_is_rejected_by_the_strict_decoder_when_padded_or_url_safe()
    {
        Assert.Throws<FormatException>(() => StrictRawBase64.Decode("QUI="));
        Assert.Throws<FormatException>(() => StrictRawBase64.Decode("-_8"));
        Assert.Throws<FormatException>(() => StrictRawBase64.Decode("QUJ"));
        Assert.Equal("AB"u8.ToArray(), StrictRawBase64.Decode("QUI"));
    }
}
