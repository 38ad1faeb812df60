using System.Text;
using VaultEc2Auth.Identity;
using static VaultEc2Auth.Aws.Tests.Identity.VerifierFixture;

namespace VaultEc2Auth.Aws.Tests.Identity;

/// <summary>Genuine AWS signatures (sources on <see cref="RealAwsDocuments"/>) against the embedded bundle only.</summary>
public sealed class RealAwsDocumentTests
{
    [Fact]
    public void Genuine_DSA_pkcs7_with_PEM_armour_verifies_with_the_built_in_bundle()
    {
        var document = VerifyPkcs7(RealAwsDocuments.OpenBaoDsaUsEast1Pem, None);

        Assert.Equal("i-f79fe56c", document.InstanceId);
        Assert.Equal("121659014334", document.AccountId);
        Assert.Equal("us-east-1", document.Region);
        Assert.Equal("ami-fce3c696", document.ImageId);
        Assert.Equal(new DateTimeOffset(2016, 4, 8, 3, 1, 38, TimeSpan.Zero), document.PendingTime);
    }

    [Fact]
    public void Genuine_DSA_pkcs7_with_algorithm_protection_verifies_with_the_built_in_bundle()
    {
        var document = VerifyPkcs7(RealAwsDocuments.NpmDsaApSoutheast2, None);

        Assert.Equal("i-01c4776ebe87bea77", document.InstanceId);
        Assert.Equal("ap-southeast-2", document.Region);
        Assert.Equal("arm64", document.Architecture);
    }

    [Theory]
    [InlineData(nameof(RealAwsDocuments.TeleportRsa2048UsWest2), "i-078517ca8a70a1dde", "us-west-2")]
    [InlineData(nameof(RealAwsDocuments.TeleportRsa2048UsWest1), "i-01b940c45fd11fe74", "us-west-1")]
    [InlineData(nameof(RealAwsDocuments.NpmRsa2048ApSoutheast2), "i-0c5541936caf78c12", "ap-southeast-2")]
    public void Genuine_rsa2048_with_sha256WithRSA_and_algorithm_protection_verifies_with_the_built_in_bundle(string name, string instanceId, string region)
    {
        var pkcs7 = (string)typeof(RealAwsDocuments).GetField(name)!.GetValue(null)!;

        var document = VerifyPkcs7(pkcs7, None);

        Assert.Equal(instanceId, document.InstanceId);
        Assert.Equal(region, document.Region);
    }

    [Fact]
    public void Genuine_rsa2048_with_rsaEncryption_signature_algorithm_verifies_with_the_built_in_bundle()
    {
        var document = VerifyPkcs7(RealAwsDocuments.GoTestRsa2048RsaEncryptionUsEast1, None);

        Assert.Equal("i-055950b9cfbce0ce3", document.InstanceId);
        Assert.Equal("179727101194", document.AccountId);
        Assert.Equal("m4.large", document.InstanceType);
    }

    [Theory]
    [InlineData(nameof(RealAwsDocuments.CoderRawDocumentUsEast1), nameof(RealAwsDocuments.CoderRawSignatureUsEast1), "i-076e9b91f7c420782")]
    [InlineData(nameof(RealAwsDocuments.NpmRawDocumentApSoutheast2), nameof(RealAwsDocuments.NpmRawSignatureApSoutheast2), "i-0c5541936caf78c12")]
    public void Genuine_raw_signature_verifies_with_the_built_in_bundle(string documentName, string signatureName, string instanceId)
    {
        var json = (string)typeof(RealAwsDocuments).GetField(documentName)!.GetValue(null)!;
        var signature = (string)typeof(RealAwsDocuments).GetField(signatureName)!.GetValue(null)!;
        var identity = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

        var document = Verifier.Verify(IdentityProof.FromIdentity(identity, signature), None);

        Assert.Equal(instanceId, document.InstanceId);
    }

    [Fact]
    public void Genuine_pkcs7_stripped_of_line_breaks_still_verifies()
    {
        var flat = RealAwsDocuments.TeleportRsa2048UsWest2.Replace("\n", "", StringComparison.Ordinal);

        Assert.Equal("i-078517ca8a70a1dde", VerifyPkcs7(flat, None).InstanceId);
    }

    [Fact]
    public void Genuine_raw_signature_does_not_verify_a_changed_document()
    {
        var changed = RealAwsDocuments.CoderRawDocumentUsEast1.Replace("t2.micro", "t2.large", StringComparison.Ordinal);
        var identity = Convert.ToBase64String(Encoding.UTF8.GetBytes(changed));

        var error = Rejects(() => Verifier.Verify(IdentityProof.FromIdentity(identity, RealAwsDocuments.CoderRawSignatureUsEast1), None));

        Assert.Contains("signature does not verify", error.Message, StringComparison.Ordinal);
    }
}
