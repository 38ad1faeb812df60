using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Cms;
using static VaultEc2Auth.Aws.Tests.Identity.VerifierFixture;

namespace VaultEc2Auth.Aws.Tests.Identity;

/// <summary>Whatever arrives, the verifier answers with a document or a BadRequest, never another exception.</summary>
public sealed class VerifierPropertyTests
{
    private static readonly byte[] SignedDer = Convert.FromBase64String(
        Ca.SignRsa2048(TestIdentityCa.BuildDocument(), new Pkcs7Options { SigningTime = SigningTime, Base64LineLength = 0 }));

    private static readonly string RealBase64 = RealAwsDocuments.TeleportRsa2048UsWest2.Replace("\n", "", StringComparison.Ordinal);

    [Property(MaxTest = 300)]
    public void Random_text_as_pkcs7_is_only_ever_a_bad_request(string text) =>
        VerifiesOrRejectsAsBadRequest(() => VerifyPkcs7(text ?? ""));

    [Property(MaxTest = 300)]
    public void Random_bytes_as_pkcs7_are_only_ever_a_bad_request(byte[] bytes) =>
        VerifiesOrRejectsAsBadRequest(() => VerifyPkcs7(Convert.ToBase64String(bytes ?? [])));

    [Property(MaxTest = 300)]
    public void Mutated_real_base64_is_only_ever_a_bad_request(PositiveInt position, char replacement)
    {
        var chars = RealBase64.ToCharArray();
        chars[position.Get % chars.Length] = replacement;

        VerifiesOrRejectsAsBadRequest(() => VerifyPkcs7(new string(chars), None));
    }

    [Property(MaxTest = 500)]
    public void Mutated_der_is_only_ever_a_bad_request(PositiveInt position, byte value, PositiveInt cut)
    {
        var bytes = (byte[])SignedDer.Clone();
        bytes[position.Get % bytes.Length] = value;
        var truncated = bytes.AsSpan(0, Math.Max(1, bytes.Length - (cut.Get % 8))).ToArray();

        VerifiesOrRejectsAsBadRequest(() => VerifyPkcs7(Convert.ToBase64String(truncated)));
    }

    [Property(MaxTest = 200)]
    public void Any_signed_content_is_a_document_or_a_bad_request(string content) =>
        VerifiesOrRejectsAsBadRequest(() => VerifyPkcs7(
            Ca.SignPkcs7Dsa(content ?? "", new Pkcs7Options { SigningTime = SigningTime })));

    [Property(MaxTest = 200)]
    public void Mutated_signed_json_is_a_document_or_a_bad_request(PositiveInt position, char replacement)
    {
        var json = TestIdentityCa.BuildDocument().ToCharArray();
        json[position.Get % json.Length] = replacement;

        VerifiesOrRejectsAsBadRequest(() => VerifyPkcs7(
            Ca.SignPkcs7Dsa(new string(json), new Pkcs7Options { SigningTime = SigningTime })));
    }

    [Property(MaxTest = 200)]
    public void Random_raw_identity_and_signature_are_only_ever_a_bad_request(string identity, byte[] signature) =>
        VerifiesOrRejectsAsBadRequest(() => Verifier.Verify(
            IdentityProof.FromIdentity(
                Convert.ToBase64String(Encoding.UTF8.GetBytes(identity ?? "")), Convert.ToBase64String(signature ?? [])),
            CaCertificates));
}
