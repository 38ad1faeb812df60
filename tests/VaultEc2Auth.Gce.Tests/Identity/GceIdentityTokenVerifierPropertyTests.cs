using FsCheck;
using FsCheck.Xunit;
using VaultEc2Auth.Failures;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.Gce.Tests.Identity;

/// <summary>A valid token changed in any one character is refused as bad input: never accepted, never another exception.</summary>
public sealed class GceIdentityTokenVerifierPropertyTests : IAsyncLifetime
{
    private GoogleHarness _h = null!;
    private string _token = "";

    public async ValueTask InitializeAsync()
    {
        _h = await GoogleHarness.StartAsync();
        _token = _h.TokenFor(FakeGceInstance.Sample());
    }

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Property(MaxTest = 300)]
    public void Token_changed_in_one_character_is_refused_as_bad_input(PositiveInt position, char replacement)
    {
        var chars = _token.ToCharArray();
        chars[position.Get % chars.Length] = replacement;
        var mutated = new string(chars);
        var verifier = _h.Verifier();

        if (mutated == _token)
        {
            Assert.NotNull(verifier.VerifyAsync(mutated, _h.Settings(), TestContext.Current.CancellationToken).GetAwaiter().GetResult());
            return;
        }
        Assert.Throws<InvalidInput>(() => verifier.VerifyAsync(mutated, _h.Settings(), TestContext.Current.CancellationToken).GetAwaiter().GetResult());
    }
}
