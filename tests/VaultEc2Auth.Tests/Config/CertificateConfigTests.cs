using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Config;

/// <summary><c>config/certificate/&lt;name&gt;</c>: AWS public certificates operators add for the verifier.</summary>
public sealed class CertificateConfigTests : IDisposable
{
    private static readonly DateTimeOffset NotBefore = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2034, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly Ec2AuthHarness _plugin = new();
    private readonly X509Certificate2 _certificate = TestSupport.TestCertificates.CreateTestCertificate(
        "C=US, ST=Washington State, L=Seattle, O=Amazon Web Services LLC", NotBefore, NotAfter);

    public void Dispose() => _certificate.Dispose();

    private Task RegisterAsync(string name = "eu-new-1", string? type = null, string? text = null)
    {
        var data = new JsonObject { ["aws_public_cert"] = text ?? _certificate.ExportCertificatePem() };
        if (type is not null)
        {
            data["type"] = type;
        }

        return _plugin.WriteAsync($"config/certificate/{name}", data);
    }

    [Fact]
    public async Task Registered_certificate_reads_back_its_type_subject_serial_and_validity()
    {
        await RegisterAsync();

        var data = (await _plugin.ReadAsync("config/certificate/eu-new-1"))!.Data!;

        Assert.Equal("pkcs7", data["type"]!.GetValue<string>());
        Assert.Equal(_certificate.Subject, data["subject"]!.GetValue<string>());
        // Upper-case hex without the DER sign octet, as AWS and OpenSSL print serials.
        var serial = _certificate.SerialNumber.StartsWith("00", StringComparison.Ordinal) ? _certificate.SerialNumber[2..] : _certificate.SerialNumber;
        Assert.Equal(serial, data["serial"]!.GetValue<string>());
        Assert.Equal("2024-01-02T03:04:05Z", data["not_before"]!.GetValue<string>());
        Assert.Equal("2034-01-02T03:04:05Z", data["not_after"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("base64 pem")]
    [InlineData("base64 der")]
    public async Task Certificate_is_accepted_as_pem_base64_pem_or_base64_der(string form)
    {
        var pem = _certificate.ExportCertificatePem();
        var text = form switch
        {
            "pem" => pem,
            "base64 pem" => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)),
            _ => Convert.ToBase64String(_certificate.RawData),
        };

        await RegisterAsync(text: text);

        Assert.Equal(_certificate.Subject, (await _plugin.ReadAsync("config/certificate/eu-new-1"))!.Data!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task Certificate_registered_for_the_identity_form_reads_back_as_identity()
    {
        await RegisterAsync(type: "identity");

        Assert.Equal("identity", (await _plugin.ReadAsync("config/certificate/eu-new-1"))!.Data!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Text_that_is_not_a_certificate_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => RegisterAsync(text: "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----"));

        Assert.Null(await _plugin.ReadAsync("config/certificate/eu-new-1"));
    }

    [Fact]
    public async Task Certificate_type_other_than_pkcs7_or_identity_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => RegisterAsync(type: "rsa2048"));
    }

    [Fact]
    public async Task Certificate_list_names_the_registered_certificates()
    {
        await RegisterAsync("eu-new-1");
        await RegisterAsync("ap-new-2");

        Assert.Equal(["ap-new-2", "eu-new-1"], await _plugin.ListKeysAsync("config/certificates/"));
    }

    [Fact]
    public async Task Certificate_delete_removes_it()
    {
        await RegisterAsync("eu-new-1");
        await RegisterAsync("ap-new-2");

        await _plugin.DeleteAsync("config/certificate/eu-new-1");

        Assert.Null(await _plugin.ReadAsync("config/certificate/eu-new-1"));
        Assert.Equal(["ap-new-2"], await _plugin.ListKeysAsync("config/certificates/"));
    }

    [Fact]
    public async Task Registered_certificates_reach_the_verifier_with_name_form_and_der()
    {
        await _plugin.SetUpPkiRoleAsync();
        await RegisterAsync("eu-new-1", type: "identity");

        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        var certificate = Assert.Single(_plugin.Verifier.LastCertificates);
        Assert.Equal("eu-new-1", certificate.Name);
        Assert.Equal(CertificateUse.Identity, certificate.Use);
        Assert.Equal(_certificate.RawData, certificate.Der);
    }

    [Fact]
    public async Task Document_signed_by_an_operator_certificate_verifies_only_while_it_is_registered()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        const string pkcs7 = "signed-by-the-new-region-certificate";
        _plugin.Verifier.AddPkcs7(pkcs7, instance.Document, requiredCertificate: _certificate.RawData);

        await RequestAssert.BadRequestAsync(() => _plugin.LoginAsync(pkcs7, nonce: "n-1"));
        await RegisterAsync();
        await _plugin.LoginAsync(pkcs7, nonce: "n-1");
        await _plugin.DeleteAsync("config/certificate/eu-new-1");
        await RequestAssert.BadRequestAsync(() => _plugin.LoginAsync(pkcs7, nonce: "n-1"));
    }

    [Fact]
    public async Task Certificate_changed_on_another_node_reaches_the_verifier_after_invalidation()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, nonce: "n-1");
        var other = new Ec2AuthHarness();
        await other.WriteAsync("config/certificate/eu-new-1", new JsonObject { ["aws_public_cert"] = _certificate.ExportCertificatePem() });
        await _plugin.Storage.PutAsync((await other.Storage.GetAsync("config/certificate/eu-new-1", CancellationToken.None))!, CancellationToken.None);

        _plugin.Definition.Invalidate!("config/certificate/eu-new-1");
        await _plugin.LoginAsync(instance.Pkcs7, nonce: "n-1");

        Assert.Equal("eu-new-1", Assert.Single(_plugin.Verifier.LastCertificates).Name);
    }

    [Fact]
    public async Task Login_without_registered_certificates_hands_the_verifier_none()
    {
        await _plugin.SetUpPkiRoleAsync();

        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Empty(_plugin.Verifier.LastCertificates);
    }
}
