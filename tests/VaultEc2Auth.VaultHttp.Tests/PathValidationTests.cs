using FsCheck;
using FsCheck.Fluent;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class PathValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("../sys/policies/acl/root")]
    [InlineData("pki/roles/../../sys/seal")]
    [InlineData("pki/./roles/x")]
    [InlineData("/pki/roles/x")]
    [InlineData("pki/roles/x/")]
    [InlineData("pki//roles/x")]
    [InlineData("pki/roles/x?force=true")]
    [InlineData("pki/roles/x#frag")]
    [InlineData("pki/roles/%2e%2e")]
    [InlineData("pki\\roles\\x")]
    [InlineData("pki/roles/x\r\nHost: evil")]
    [InlineData("")]
    public async Task Object_path_that_could_leave_its_place_is_rejected_before_any_request(string path)
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = new RenderedSet([], [new RenderedObject(path, Sample.Role("i-1").Data)]);

        var error = await Assert.ThrowsAsync<InvalidInput>(() => vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct));

        Assert.Empty(vault.Server.Requests);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("default")]
    [InlineData("Ec2-Instance-I-1")]
    [InlineData("ec2/instance")]
    [InlineData("..")]
    [InlineData("-leading-dash")]
    [InlineData("ec2 instance")]
    [InlineData("")]
    public async Task Policy_name_outside_vaults_plain_names_or_reserved_is_rejected(string name)
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = new RenderedSet([new RenderedPolicy(name, "path \"x\" { capabilities = [\"read\"] }")], []);

        var error = await Assert.ThrowsAsync<InvalidInput>(() => vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct));

        Assert.Empty(vault.Server.Requests);
    }

    [Fact]
    public async Task Path_segments_are_percent_encoded_on_the_wire()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = new RenderedSet([], [new RenderedObject("kv/data/host name:1", Sample.Role("i-1").Data)]);

        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);

        var write = Assert.Single(vault.Server.Writes);
        Assert.Equal("/v1/kv/data/host%20name%3A1", write.RawTarget);
        Assert.NotNull(vault.Server.GetObject("kv/data/host name:1"));
    }

    [Fact]
    public void Policy_is_addressed_under_sys_policies_acl()
    {
        Assert.Equal("sys/policies/acl/ec2-instance-i-0abc", VaultApiPath.ForPolicy("ec2-instance-i-0abc").Escaped);
    }

    [Fact]
    public void Any_accepted_object_path_stays_below_v1()
    {
        var baseUri = new Uri("https://vault.example:8200/v1/");
        var pieces = Gen.Elements("pki", "roles", "..", ".", "", "/", "%2e", "?", "#", "\\", "a b", ":", "@", "ec2-i-1", "%", "~", "\u00e9");
        var paths = Gen.ArrayOf(pieces).Select(string.Concat).ToArbitrary();

        Prop.ForAll(paths, path =>
        {
            VaultApiPath accepted;
            try
            {
                accepted = VaultApiPath.ForObject(path);
            }
            catch (InvalidInput)
            {
                return true;
            }
            var uri = new Uri(baseUri.AbsoluteUri + accepted.Escaped, UriKind.Absolute);
            return uri.Host == "vault.example"
                && uri.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal)
                && uri.Query.Length == 0
                && uri.Fragment.Length == 0
                && !uri.Segments.Any(s => s is "../" or "./" or ".." or ".")
                && Uri.UnescapeDataString(uri.AbsolutePath["/v1/".Length..]) == path;
        }).QuickCheckThrowOnFailure();
    }
}
