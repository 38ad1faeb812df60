using System.Text;
using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Aws.Tests.Identity;

public sealed class CertificateDescriptionTests
{
    private static readonly string Pem = VerifierFixture.Ca.DsaCertificatePem;

    [Fact]
    public void Pem_certificate_is_described()
    {
        var description = CertificateDescription.Parse(Pem);

        Assert.Equal(VerifierFixture.Ca.DsaCertificate.RawData, description.Der);
        Assert.Contains("O=Amazon Web Services LLC", description.Subject, StringComparison.Ordinal);
        Assert.Matches("^[0-9A-F]+$", description.Serial);
        Assert.Equal("2012-01-05T12:56:12Z", description.NotBeforeText);
        Assert.Equal("2038-01-05T12:56:12Z", description.NotAfterText);
    }

    [Fact]
    public void Base64_of_pem_as_vault_stores_it_is_accepted() =>
        Assert.Equal(
            VerifierFixture.Ca.DsaCertificate.RawData,
            CertificateDescription.Parse(Convert.ToBase64String(Encoding.ASCII.GetBytes(Pem))).Der);

    [Fact]
    public void Base64_der_is_accepted() =>
        Assert.Equal(
            VerifierFixture.Ca.Rsa1024Certificate.RawData,
            CertificateDescription.Parse(Convert.ToBase64String(VerifierFixture.Ca.Rsa1024Certificate.RawData)).Der);

    [Theory]
    [InlineData("")]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    [InlineData("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")]
    public void Text_that_is_not_one_certificate_is_a_bad_request(string text)
    {
        var error = Assert.Throws<RequestException>(() => CertificateDescription.Parse(text));

        Assert.Equal(RequestErrorKind.BadRequest, error.Kind);
    }

    [Fact]
    public void Two_certificates_in_one_pem_are_a_bad_request() =>
        Assert.Throws<RequestException>(() => CertificateDescription.Parse(Pem + VerifierFixture.Ca.Rsa2048CertificatePem));

    [Fact]
    public void Oversized_text_is_a_bad_request() =>
        Assert.Throws<RequestException>(() => CertificateDescription.Parse(new string('A', CertificateDescription.MaxTextLength + 1)));
}
