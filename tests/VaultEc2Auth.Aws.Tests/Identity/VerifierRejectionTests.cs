using System.Text;
using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Cms;
using static VaultEc2Auth.Aws.Tests.Identity.VerifierFixture;

namespace VaultEc2Auth.Aws.Tests.Identity;

/// <summary>One test per rejection reason; each must be a BadRequest naming the reason.</summary>
public sealed class VerifierRejectionTests
{
    private static readonly string Document = TestIdentityCa.BuildDocument();

    private static void AssertRejected(string pkcs7, string reason, IReadOnlyCollection<OperatorCertificate>? certificates = null)
    {
        var error = Rejects(() => VerifyPkcs7(pkcs7, certificates));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static string Dsa(Pkcs7Options options, string? document = null) =>
        Ca.SignPkcs7Dsa(document ?? Document, options with { SigningTime = options.SigningTime ?? SigningTime });

    [Fact]
    public void Pkcs7_that_is_not_base64_is_rejected() => AssertRejected("this is not base64 at all!", "not valid base64");

    [Fact]
    public void Base64_that_is_not_pkcs7_is_rejected() =>
        AssertRejected(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello world, no ASN.1 here")), "not a PKCS#7 structure");

    [Fact]
    public void Pkcs7_that_is_not_signed_data_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { OuterContentType = "1.2.840.113549.1.7.3" }), "not signedData");

    [Fact]
    public void Signed_content_of_the_wrong_content_type_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { EncapsulatedContentType = "1.2.840.113549.1.9.16.1.4" }), "content type is not data");

    [Fact]
    public void Detached_signature_without_content_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { OmitContent = true }), "no attached content");

    [Fact]
    public void Signed_data_without_a_signer_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { SignerCount = 0 }), "no signer");

    [Fact]
    public void Signed_data_with_several_signers_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { SignerCount = 2 }), "more than one signer");

    [Fact]
    public void Document_signed_by_unknown_certificate_is_rejected() =>
        AssertRejected(UnregisteredCa.SignPkcs7Dsa(Document, new Pkcs7Options { SigningTime = SigningTime }), "unknown certificate");

    [Fact]
    public void Embedded_certificate_alone_is_not_trusted()
    {
        var pkcs7 = UnregisteredCa.SignPkcs7Dsa(Document, new Pkcs7Options { SigningTime = SigningTime, EmbedCertificate = true });

        AssertRejected(pkcs7, "unknown certificate");
    }

    [Fact]
    public void Identity_certificate_is_not_a_pkcs7_signer() =>
        AssertRejected(
            Ca.SignRsa2048(Document, new Pkcs7Options { SigningTime = SigningTime }),
            "unknown certificate",
            [new OperatorCertificate("wrong-use", CertificateUse.Identity, Ca.Rsa2048Certificate.RawData)]);

    [Fact]
    public void Document_with_a_bad_signature_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { CorruptSignature = true }), "signature does not verify");

    [Fact]
    public void Document_whose_digest_does_not_match_its_content_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { MessageDigestOverride = new byte[20] }), "message digest does not match");

    [Fact]
    public void Document_signed_before_the_certificate_was_valid_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { SigningTime = new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero) }), "signing time outside");

    [Fact]
    public void Document_signed_after_the_certificate_expired_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { SigningTime = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero) }), "signing time outside");

    [Fact]
    public void Document_without_a_signing_time_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options { OmitSigningTime = true }), "no signing time");

    [Theory]
    [InlineData("hello, world")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("{\"accountId\":\"123456789012\"")]
    public void Signed_content_that_is_not_json_object_is_rejected(string content) =>
        AssertRejected(Dsa(new Pkcs7Options(), content), "not an identity document");

    [Theory]
    [InlineData("accountId", "\"12345\"")]
    [InlineData("accountId", "123456789012")]
    [InlineData("instanceId", "\"instance-1\"")]
    [InlineData("imageId", "\"ami-XYZ\"")]
    [InlineData("region", "\"Europe\"")]
    [InlineData("pendingTime", "\"yesterday\"")]
    public void Signed_document_with_a_malformed_required_field_is_rejected(string field, string value)
    {
        var fields = new Dictionary<string, string>
        {
            ["accountId"] = "\"123456789012\"",
            ["instanceId"] = "\"i-0123456789abcdef0\"",
            ["region"] = "\"us-east-1\"",
            ["imageId"] = "\"ami-0123456789abcdef0\"",
            ["pendingTime"] = "\"2026-01-02T03:04:05Z\"",
        };
        fields[field] = value;
        var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";

        var error = Rejects(() => VerifyPkcs7(Dsa(new Pkcs7Options(), json)));

        Assert.True(error.Message.Contains(field, StringComparison.Ordinal) || error.Message.Contains("not an identity document", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Signed_document_with_a_missing_required_field_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options(), Document.Replace("\"instanceId\"", "\"instanceID\"", StringComparison.Ordinal)), "instanceId");

    [Fact]
    public void Signed_document_with_a_duplicate_key_is_rejected() =>
        AssertRejected(Dsa(new Pkcs7Options(), Document.Replace("\"version\"", "\"region\"", StringComparison.Ordinal)), "not an identity document");

    [Fact]
    public void Input_larger_than_64_KiB_is_rejected() =>
        AssertRejected(new string('A', 64 * 1024 + 4), "larger than 64 KiB");

    [Fact]
    public void Deeply_nested_der_is_rejected()
    {
        var nested = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            nested.AddRange([0x30, 0x80]);
        }
        for (var i = 0; i < 200; i++)
        {
            nested.AddRange([0x00, 0x00]);
        }

        AssertRejected(Convert.ToBase64String(nested.ToArray()), "nested too deeply");
    }

    [Fact]
    public void Der_claiming_more_bytes_than_it_has_is_rejected() =>
        AssertRejected(Convert.ToBase64String([0x30, 0x83, 0x7F, 0xFF, 0xFF, 0x06, 0x09]), "not a PKCS#7 structure");

    [Fact]
    public void Pem_armour_without_end_line_is_rejected() =>
        AssertRejected("-----BEGIN PKCS7-----\n" + Dsa(new Pkcs7Options()), "no END line");

    [Theory]
    [InlineData("-----BEGIN PKCS7-----END PKCS7-----")]
    [InlineData("-----BEGIN PKCS7----END PKCS7-----")]
    [InlineData("-----BEGIN PKCS7-----\n-----END PKCS7-----")]
    public void Pem_armour_whose_end_line_overlaps_or_encloses_nothing_is_a_bad_request(string pkcs7) =>
        Rejects(() => VerifyPkcs7(pkcs7));

    [Fact]
    public void Raw_signature_over_another_document_is_rejected()
    {
        var (_, signature) = Ca.SignRaw(Document);
        var other = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestIdentityCa.BuildDocument(instanceId: "i-0fffffffffffffff0")));

        var error = Rejects(() => Verifier.Verify(IdentityProof.FromIdentity(other, signature), CaCertificates));

        Assert.Contains("signature does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_signature_with_a_pkcs7_only_certificate_is_rejected()
    {
        var (identity, signature) = Ca.SignRaw(Document);

        Rejects(() => Verifier.Verify(
            IdentityProof.FromIdentity(identity, signature),
            [new OperatorCertificate("wrong-use", CertificateUse.Pkcs7, Ca.Rsa1024Certificate.RawData)]));
    }

    [Fact]
    public void Raw_identity_that_is_not_base64_is_rejected()
    {
        var (_, signature) = Ca.SignRaw(Document);

        var error = Rejects(() => Verifier.Verify(IdentityProof.FromIdentity("{not base64}", signature), CaCertificates));

        Assert.Contains("identity: not valid base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_with_both_forms_is_rejected() =>
        Rejects(() => Verifier.Verify(new IdentityProof("a", "b", "c"), CaCertificates));

    [Fact]
    public void Proof_with_neither_form_is_rejected() =>
        Rejects(() => Verifier.Verify(new IdentityProof(null, null, null), CaCertificates));

    [Fact]
    public void Registered_certificate_that_is_not_a_certificate_is_rejected() =>
        AssertRejected(
            UnregisteredCa.SignPkcs7Dsa(Document, new Pkcs7Options { SigningTime = SigningTime }),
            "is not a valid certificate",
            [new OperatorCertificate("broken", CertificateUse.Pkcs7, [0x30, 0x03, 0x02, 0x01, 0x01])]);
}
