using System.Security.Cryptography;
using System.Text;
using VaultEc2Auth.Templates;

namespace VaultEc2Auth.Tests.Templates;

public sealed class InstanceHashTests
{
    [Fact]
    public void Instance_hash_is_the_first_32_hex_characters_of_sha256_of_account_region_and_instance()
    {
        var expected = Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes("123456789012:eu-central-1:i-0123456789abcdef0")))[..32];

        Assert.Equal(expected, InstanceHash.Compute("123456789012", "eu-central-1", "i-0123456789abcdef0"));
    }

    [Fact]
    public void Instance_hash_of_a_known_input_is_stable()
    {
        // sha256("111111111111:us-east-1:i-0a1b2c3d4e5f60718"), computed independently with sha256sum.
        Assert.Equal(KnownHash, InstanceHash.Compute("111111111111", "us-east-1", "i-0a1b2c3d4e5f60718"));
    }

    [Fact]
    public void Same_instance_id_in_another_account_or_region_has_another_hash()
    {
        var hash = InstanceHash.Compute("111111111111", "us-east-1", "i-0a1b2c3d4e5f60718");

        Assert.NotEqual(hash, InstanceHash.Compute("222222222222", "us-east-1", "i-0a1b2c3d4e5f60718"));
        Assert.NotEqual(hash, InstanceHash.Compute("111111111111", "us-west-2", "i-0a1b2c3d4e5f60718"));
        Assert.Matches("^[0-9a-f]{32}$", hash);
    }

    private const string KnownHash = "b8feebc000cabe570efa0c56ebd044ef";
}
