using System.Buffers.Text;
using FsCheck.Xunit;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Gce.Identity;

namespace VaultEc2Auth.Gce.Tests.Identity;

/// <summary>Whatever a caller sends as <c>jwt</c>, it is split and decoded or refused as bad input: never another exception.</summary>
public sealed class CompactJwtPropertyTests
{
    [Property(MaxTest = 500)]
    public void Random_text_is_parsed_or_refused_as_invalid_input(string text) => ParsesOrRefuses(text ?? "");

    [Property(MaxTest = 500)]
    public void Random_dotted_triples_are_parsed_or_refused_as_invalid_input(string header, string payload, string signature) =>
        ParsesOrRefuses($"{header}.{payload}.{signature}");

    [Property(MaxTest = 300)]
    public void Well_formed_parts_decode_to_exactly_their_bytes(byte[] header, byte[] payload, byte[] signature)
    {
        if (header is not { Length: > 0 } || payload is not { Length: > 0 } || signature is not { Length: > 0 })
        {
            return;
        }
        var token = CompactJwt.Parse($"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}");

        Assert.Equal(header, token.Header);
        Assert.Equal(payload, token.Payload);
        Assert.Equal(signature, token.Signature);
    }

    private static void ParsesOrRefuses(string text)
    {
        try
        {
            var token = CompactJwt.Parse(text);
            Assert.NotEmpty(token.Signature);
        }
        catch (InvalidInput)
        {
            // The only refusal allowed.
        }
    }
}
