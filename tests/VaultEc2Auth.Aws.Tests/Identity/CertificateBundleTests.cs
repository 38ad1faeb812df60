using System.Text.RegularExpressions;
using VaultEc2Auth.Aws.Identity;

namespace VaultEc2Auth.Aws.Tests.Identity;

public sealed partial class CertificateBundleTests
{
    private static readonly IReadOnlyList<EmbeddedCertificate> Files = BuiltInCertificates.Shared.Files;

    [Fact]
    public void Every_embedded_pem_parses_as_a_dsa_or_rsa_certificate()
    {
        Assert.NotEmpty(Files);
        Assert.All(Files, file => Assert.NotNull(TrustedSigner.FromDer(file.Der)));
    }

    [Fact]
    public void Bundle_covers_every_region_and_form_marked_in_coverage()
    {
        var coverage = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "COVERAGE.md"));
        var forms = new[] { "dsa", "rsa", "rsa2048" };
        var expected = new List<string>();
        foreach (Match row in CoverageRow().Matches(coverage))
        {
            for (var i = 0; i < forms.Length; i++)
            {
                if (row.Groups["cells"].Value.Split('|', StringSplitOptions.TrimEntries)[i] == "✓")
                {
                    expected.Add($"{row.Groups["partition"].Value}/{row.Groups["region"].Value}.{forms[i]}");
                }
            }
        }
        var embedded = Files.Select(f => $"{f.Partition}/{f.Region}.{f.Form}").ToHashSet(StringComparer.Ordinal);

        Assert.True(expected.Count >= 100, $"coverage table lists only {expected.Count} certificates");
        Assert.Equal([], expected.Except(embedded).ToArray());
        Assert.Equal([], embedded.Except(expected).ToArray());
    }

    [Theory]
    [InlineData("aws/us-east-1.dsa", "96BA48D9E55E1A67")]
    [InlineData("aws/mx-central-1.dsa", "F84307D3131AE0C5")]
    [InlineData("aws/ap-southeast-7.rsa", "8B881C084BD3159C")]
    [InlineData("aws/il-central-1.rsa2048", "E569D61D88F705BB")]
    [InlineData("aws-cn/cn-north-1.dsa", "F7C99D70D405644F")]
    [InlineData("aws-cn/cn-northwest-1.rsa2048", "FBB8B2C637065CDC")]
    [InlineData("aws-us-gov/us-gov-west-1.rsa2048", "D08E17443AA219EE")]
    public void Embedded_certificates_carry_the_serials_aws_publishes(string file, string serial)
    {
        var embedded = Files.Single(f => $"{f.Partition}/{f.Region}.{f.Form}" == file);
        var description = VaultEc2Auth.Identity.CertificateDescription.Parse(Convert.ToBase64String(embedded.Der));

        Assert.Equal(serial, description.Serial);
    }

    [Fact]
    public void Shared_certificates_are_loaded_once()
    {
        Assert.True(BuiltInCertificates.Shared.Signers.Count < Files.Count);
        Assert.Equal(
            BuiltInCertificates.Shared.Signers.Count,
            BuiltInCertificates.Shared.Signers.Select(s => s.SignerId).Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex(@"^\| (?<partition>aws[a-z-]*) \| (?<region>[a-z0-9-]+) \| (?<cells>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex CoverageRow();
}
