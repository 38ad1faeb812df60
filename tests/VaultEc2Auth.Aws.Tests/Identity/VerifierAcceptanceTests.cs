using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Cms;
using static VaultEc2Auth.Aws.Tests.Identity.VerifierFixture;

namespace VaultEc2Auth.Aws.Tests.Identity;

public sealed class VerifierAcceptanceTests
{
    private static readonly string Document = TestIdentityCa.BuildDocument(instanceId: "i-0a1b2c3d4e5f60718", region: "eu-central-2");

    [Fact]
    public void Dsa_pkcs7_signed_by_an_operator_certificate_verifies_and_parses_the_document()
    {
        var document = VerifyPkcs7(Ca.SignPkcs7Dsa(Document, new Pkcs7Options { SigningTime = SigningTime }));

        Assert.Equal("i-0a1b2c3d4e5f60718", document.InstanceId);
        Assert.Equal("123456789012", document.AccountId);
        Assert.Equal("eu-central-2", document.Region);
        Assert.Equal("eu-central-2a", document.AvailabilityZone);
        Assert.Equal("ami-0abcdef1234567890", document.ImageId);
        Assert.Equal("t3.micro", document.InstanceType);
        Assert.Equal("10.0.1.25", document.PrivateIp);
        Assert.Equal("x86_64", document.Architecture);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), document.PendingTime);
    }

    [Fact]
    public void Rsa2048_pkcs7_with_rsaEncryption_signature_algorithm_verifies()
    {
        var pkcs7 = Ca.SignRsa2048(Document, new Pkcs7Options { SigningTime = SigningTime });

        Assert.Equal("i-0a1b2c3d4e5f60718", VerifyPkcs7(pkcs7).InstanceId);
    }

    [Fact]
    public void Rsa2048_pkcs7_with_sha256WithRSA_and_algorithm_protection_verifies()
    {
        var pkcs7 = Ca.SignRsa2048(Document, new Pkcs7Options { SigningTime = SigningTime, Sha256WithRsaSignatureOid = true, AlgorithmProtection = true });

        Assert.Equal("i-0a1b2c3d4e5f60718", VerifyPkcs7(pkcs7).InstanceId);
    }

    [Fact]
    public void Dsa_pkcs7_with_algorithm_protection_verifies()
    {
        var pkcs7 = Ca.SignPkcs7Dsa(Document, new Pkcs7Options { SigningTime = SigningTime, AlgorithmProtection = true });

        Assert.Equal("i-0a1b2c3d4e5f60718", VerifyPkcs7(pkcs7).InstanceId);
    }

    [Fact]
    public void Raw_signature_verifies_with_an_operator_identity_certificate()
    {
        var (identity, signature) = Ca.SignRaw(Document);

        var document = Verifier.Verify(IdentityProof.FromIdentity(identity, signature), CaCertificates);

        Assert.Equal("i-0a1b2c3d4e5f60718", document.InstanceId);
    }

    [Theory]
    [InlineData("armour")]
    [InlineData("no line breaks")]
    [InlineData("crlf and spaces")]
    [InlineData("der")]
    [InlineData("embedded certificate")]
    public void Pkcs7_layout_variants_verify(string variant)
    {
        var options = new Pkcs7Options
        {
            SigningTime = SigningTime,
            Base64LineLength = variant == "no line breaks" ? 0 : 76,
            BerIndefiniteLengths = variant != "der",
            EmbedCertificate = variant == "embedded certificate",
        };
        var pkcs7 = Ca.SignPkcs7Dsa(Document, options);
        pkcs7 = variant switch
        {
            "armour" => TestIdentityCa.WithPemArmour(pkcs7),
            "crlf and spaces" => "  " + pkcs7.Replace("\n", "\r\n ", StringComparison.Ordinal) + "\r\n",
            _ => pkcs7,
        };

        Assert.Equal("i-0a1b2c3d4e5f60718", VerifyPkcs7(pkcs7).InstanceId);
    }

    [Fact]
    public void Certificate_expired_today_still_verifies_a_document_signed_inside_its_validity()
    {
        using var expired = TestIdentityCa.Create(
            new DateTimeOffset(2014, 6, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 5, 0, 0, 0, TimeSpan.Zero));
        var pkcs7 = expired.SignPkcs7Dsa(Document, new Pkcs7Options { SigningTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        var document = VerifyPkcs7(pkcs7, [new OperatorCertificate("old", CertificateUse.Pkcs7, expired.DsaCertificate.RawData)]);

        Assert.Equal("i-0a1b2c3d4e5f60718", document.InstanceId);
    }

    [Fact]
    public void Region_claimed_by_the_document_does_not_choose_the_certificate()
    {
        var chinaClaim = TestIdentityCa.BuildDocument(region: "cn-north-1");

        var document = VerifyPkcs7(Ca.SignPkcs7Dsa(chinaClaim, new Pkcs7Options { SigningTime = SigningTime }));

        Assert.Equal("cn-north-1", document.Region);
    }

    [Fact]
    public void Unknown_keys_and_nulls_in_optional_fields_are_accepted()
    {
        const string json = "{\"accountId\":\"123456789012\",\"instanceId\":\"i-0123456789abcdef0\",\"region\":\"us-east-1\"," +
            "\"imageId\":\"ami-0123456789abcdef0\",\"pendingTime\":\"2026-01-02T03:04:05Z\",\"availabilityZone\":null," +
            "\"instanceType\":null,\"privateIp\":null,\"architecture\":null,\"billingProducts\":[\"bp-6fa54006\"],\"somethingNew\":{\"a\":1}}";

        var document = VerifyPkcs7(Ca.SignPkcs7Dsa(json, new Pkcs7Options { SigningTime = SigningTime }));

        Assert.Null(document.AvailabilityZone);
        Assert.Null(document.InstanceType);
        Assert.Null(document.PrivateIp);
    }
}
