using VaultEc2Auth.Failures;
using VaultEc2Auth.Gce.Identity;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.Gce.Tests.Identity;

/// <summary>How Google's signing keys are cached: per max-age, refetched for a rotated key, never hammered by unknown kids.</summary>
public sealed class GoogleSigningKeysTests : IAsyncLifetime
{
    private static readonly FakeGceInstance Instance = FakeGceInstance.Sample();
    private GoogleHarness _h = null!;
    private GceIdentityTokenVerifier _verifier = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await GoogleHarness.StartAsync();
        _verifier = _h.Verifier();
    }

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private Task VerifyAsync(string jwt) => _verifier.VerifyAsync(jwt, _h.Settings(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Keys_are_fetched_once_while_max_age_lasts()
    {
        _h.Google.CertsMaxAge = TimeSpan.FromHours(6);

        await VerifyAsync(_h.TokenFor(Instance));
        _h.Time.Advance(TimeSpan.FromHours(5));
        await VerifyAsync(_h.TokenFor(Instance));

        Assert.Equal(1, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Keys_are_fetched_again_once_max_age_has_passed()
    {
        _h.Google.CertsMaxAge = TimeSpan.FromMinutes(10);

        await VerifyAsync(_h.TokenFor(Instance));
        _h.Time.Advance(TimeSpan.FromMinutes(11));
        await VerifyAsync(_h.TokenFor(Instance));

        Assert.Equal(2, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Key_rotated_while_the_old_set_is_cached_is_fetched_on_first_use()
    {
        await VerifyAsync(_h.TokenFor(Instance));
        using var next = new TestGoogleSigner();
        _h.Google.PublishKeys(_h.Signer, next);
        _h.Time.Advance(GoogleSigningKeys.MinRefetchInterval);

        await VerifyAsync(next.Mint(_h.Claims(Instance)));

        Assert.Equal(2, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Unknown_kids_refetch_at_most_once_per_interval()
    {
        await VerifyAsync(_h.TokenFor(Instance));
        _h.Time.Advance(GoogleSigningKeys.MinRefetchInterval);

        for (var i = 0; i < 20; i++)
        {
            using var stranger = new TestGoogleSigner();
            await Assert.ThrowsAsync<InvalidInput>(() => VerifyAsync(stranger.Mint(_h.Claims(Instance))));
        }

        Assert.Equal(2, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Key_Google_withdrew_stops_verifying_once_the_cache_expires()
    {
        _h.Google.CertsMaxAge = TimeSpan.FromMinutes(10);
        await VerifyAsync(_h.TokenFor(Instance));
        using var next = new TestGoogleSigner();
        _h.Google.PublishKeys(next);
        _h.Time.Advance(TimeSpan.FromMinutes(11));

        await Assert.ThrowsAsync<InvalidInput>(() => VerifyAsync(_h.TokenFor(Instance)));
    }

    [Fact]
    public async Task No_cache_answer_is_still_reused_for_the_minimum_interval()
    {
        _h.Google.CertsMaxAge = TimeSpan.Zero;

        await VerifyAsync(_h.TokenFor(Instance));
        await VerifyAsync(_h.TokenFor(Instance));

        Assert.Equal(1, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Concurrent_logins_share_one_fetch()
    {
        var tokens = Enumerable.Range(0, 16).Select(_ => _h.TokenFor(Instance)).ToList();

        await Task.WhenAll(tokens.Select(token => Task.Run(() => VerifyAsync(token))));

        Assert.Equal(1, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Failed_fetch_is_not_cached_and_the_next_login_fetches_again()
    {
        _h.Google.FailCertsNext(1);
        await Assert.ThrowsAsync<UpstreamFailure>(() => VerifyAsync(_h.TokenFor(Instance)));

        await VerifyAsync(_h.TokenFor(Instance));

        Assert.Equal(2, _h.Google.CertsRequests);
    }
}
