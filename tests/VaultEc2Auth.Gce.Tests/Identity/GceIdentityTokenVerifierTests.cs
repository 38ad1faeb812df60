using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Gce.Identity;
using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.Gce.Tests.Identity;

/// <summary>What a GCE instance identity token must be to be accepted, and every way a forged or broken one is refused.</summary>
public sealed class GceIdentityTokenVerifierTests : IAsyncLifetime
{
    private static readonly FakeGceInstance Instance = FakeGceInstance.Sample();
    private GoogleHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await GoogleHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private Task<VerifiedDocument> VerifyAsync(string jwt) => _h.Verifier().VerifyAsync(jwt, _h.Settings(), TestContext.Current.CancellationToken);

    private async Task<InvalidInput> RefusedAsync(string jwt, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidInput>(() => VerifyAsync(jwt));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task Valid_token_yields_the_instance_identity_from_its_compute_engine_claims()
    {
        var issuedAt = _h.Time.GetUtcNow();

        var document = await VerifyAsync(_h.TokenFor(Instance));

        Assert.Equal(CloudProviders.Gce, document.CloudProvider);
        Assert.Equal(Instance.Id, document.InstanceId);
        Assert.Equal("test-project-1", document.AccountId);
        Assert.Equal("us-central1", document.Region);
        Assert.Equal("us-central1-a", document.AvailabilityZone);
        Assert.Equal(issuedAt.ToUnixTimeSeconds(), document.PendingTime.ToUnixTimeSeconds());
        Assert.Equal("", document.ImageId);
        Assert.Equal("web-1", document.InstanceName);
        Assert.Equal(Instance.CreationTime, document.InstanceCreationTime);
        Assert.Equal("vault-client@test-project-1.iam.gserviceaccount.com", document.ServiceAccountEmail);
    }

    [Fact]
    public async Task Issuer_without_scheme_is_accepted_as_Google_documents_both_forms()
    {
        var document = await VerifyAsync(_h.TokenFor(Instance, claims => claims["iss"] = "accounts.google.com"));

        Assert.Equal(Instance.Id, document.InstanceId);
    }

    [Fact]
    public async Task Forged_signature_from_another_key_under_Googles_kid_is_refused()
    {
        using var forger = TestRsaKeys.CreateOtherThan(_h.Signer.Key);

        await RefusedAsync(_h.Signer.Mint(_h.Claims(Instance), signWith: forger), "signature is invalid");
    }

    [Fact]
    public async Task Token_signed_by_a_key_Google_does_not_publish_is_refused()
    {
        using var stranger = new TestGoogleSigner();

        await RefusedAsync(stranger.Mint(_h.Claims(Instance)), "key Google does not publish");
    }

    [Fact]
    public async Task Unsecured_token_with_alg_none_and_no_signature_is_refused() =>
        await RefusedAsync(_h.Signer.MintUnsecured(_h.Claims(Instance)), "three base64url parts");

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("HS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    public async Task Any_alg_other_than_RS256_is_refused_even_with_a_valid_RS256_signature(string alg) =>
        await RefusedAsync(_h.Signer.Mint(_h.Claims(Instance), _h.Signer.Header(alg)), "alg must be RS256");

    [Fact]
    public async Task Hs256_keyed_with_Googles_public_key_is_refused()
    {
        await RefusedAsync(_h.Signer.MintHs256(_h.Claims(Instance), _h.Signer.PublicKeyPemBytes()), "alg must be RS256");
        Assert.Equal(0, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Token_without_kid_is_refused()
    {
        var header = _h.Signer.Header();
        header.Remove("kid");

        await RefusedAsync(_h.Signer.Mint(_h.Claims(Instance), header), "kid is missing");
    }

    [Fact]
    public async Task Token_with_critical_header_extensions_is_refused()
    {
        var header = _h.Signer.Header();
        header["crit"] = new JsonArray("exp");

        await RefusedAsync(_h.Signer.Mint(_h.Claims(Instance), header), "critical extensions");
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var token = _h.TokenFor(Instance);
        _h.Time.Advance(TimeSpan.FromHours(1) + GceIdentityTokenVerifier.ClockSkew + TimeSpan.FromSeconds(1));

        await RefusedAsync(token, "expired");
    }

    [Fact]
    public async Task Token_expired_by_less_than_the_skew_is_accepted()
    {
        var token = _h.TokenFor(Instance);
        _h.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30));

        Assert.Equal(Instance.Id, (await VerifyAsync(token)).InstanceId);
    }

    [Fact]
    public async Task Token_issued_in_the_future_beyond_the_skew_is_refused()
    {
        var future = _h.Time.GetUtcNow() + TimeSpan.FromMinutes(5);

        await RefusedAsync(_h.Signer.Mint(TestGoogleSigner.IdentityClaims(Instance, GoogleHarness.Audience, future)), "iat is in the future");
    }

    [Fact]
    public async Task Token_living_longer_than_an_hour_is_refused() =>
        await RefusedAsync(_h.Signer.Mint(TestGoogleSigner.IdentityClaims(Instance, GoogleHarness.Audience, _h.Time.GetUtcNow(), TimeSpan.FromHours(2))),
            "lifetime is not within an hour");

    [Theory]
    [InlineData("https://vault.example.com:8200/vault/other-login")]
    [InlineData("https://vault.example.com:8200/vault/gce-login/")]
    [InlineData("HTTPS://VAULT.EXAMPLE.COM:8200/vault/gce-login")]
    [InlineData("")]
    public async Task Token_for_another_audience_is_refused(string audience) =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["aud"] = audience), "audience");

    [Fact]
    public async Task Audience_given_as_an_array_is_refused() =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["aud"] = new JsonArray(GoogleHarness.Audience)), "not well-formed");

    [Theory]
    [InlineData("https://accounts.google.com.evil.example")]
    [InlineData("https://securetoken.google.com/test-project-1")]
    [InlineData("http://accounts.google.com")]
    public async Task Token_from_another_issuer_is_refused(string issuer) =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["iss"] = issuer), "issuer is not Google");

    [Fact]
    public async Task Claims_edited_after_signing_are_refused()
    {
        var token = _h.TokenFor(Instance);
        var edited = _h.Claims(Instance);
        edited["google"]!["compute_engine"]!["instance_id"] = "1234567890123456789";

        await RefusedAsync(TestGoogleSigner.ReplaceClaims(token, edited), "signature is invalid");
    }

    [Fact]
    public async Task Standard_format_token_without_compute_engine_claims_is_refused() =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims.Remove("google")), "no google.compute_engine claims");

    [Theory]
    [InlineData("project_id")]
    [InlineData("project_number")]
    [InlineData("zone")]
    [InlineData("instance_id")]
    [InlineData("instance_name")]
    [InlineData("instance_creation_timestamp")]
    public async Task Token_missing_a_compute_engine_claim_is_refused_naming_it(string claim) =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["google"]!["compute_engine"]!.AsObject().Remove(claim)), claim);

    [Theory]
    [InlineData("project_id", "Test-Project")]
    [InlineData("project_id", "example.com:legacy-project")]
    [InlineData("zone", "us-central1")]
    [InlineData("zone", "us-central1-a/../../x")]
    [InlineData("instance_id", "i-0123456789abcdef0")]
    [InlineData("instance_id", "123456789012345678901")]
    [InlineData("instance_name", "Web_1")]
    [InlineData("instance_name", "web-1.evil")]
    public async Task Token_with_a_malformed_compute_engine_claim_is_refused_naming_it(string claim, string value) =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["google"]!["compute_engine"]![claim] = value), claim);

    [Fact]
    public async Task Instance_id_given_as_a_number_instead_of_a_string_is_refused() =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["google"]!["compute_engine"]!["instance_id"] = 4570452845155348778), "not well-formed");

    [Theory]
    [InlineData(null)]
    [InlineData("someone@example.com")]
    public async Task Token_without_a_service_account_email_is_refused(string? email) =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["email"] = email), "email");

    [Fact]
    public async Task Claim_given_twice_is_refused_rather_than_last_one_wins()
    {
        var claims = _h.Claims(Instance).ToJsonString();
        var duplicated = claims.Replace("\"aud\":", "\"aud\":\"https://attacker.example\",\"aud\":", StringComparison.Ordinal);

        await RefusedAsync(_h.Signer.MintRaw(_h.Signer.Header().ToJsonString(), duplicated), "not well-formed");
    }

    [Fact]
    public async Task Oversized_token_is_refused_before_any_key_is_fetched()
    {
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["padding"] = new string('x', 9000)), "longer than");
        Assert.Equal(0, _h.Google.CertsRequests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("one.two")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30=.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e3 0.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e+/0.c2ln")]
    public async Task Token_that_is_not_three_base64url_parts_is_refused(string jwt)
    {
        await Assert.ThrowsAsync<InvalidInput>(() => VerifyAsync(jwt));
        Assert.Equal(0, _h.Google.CertsRequests);
    }

    [Fact]
    public async Task Header_that_is_not_JSON_is_refused() =>
        await RefusedAsync("bm90IGpzb24." + TestGoogleSigner.Encode(_h.Claims(Instance)) + ".c2ln", "header is not well-formed");

    [Fact]
    public async Task Without_gce_audience_no_token_is_accepted_and_the_operator_is_told()
    {
        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            _h.Verifier().VerifyAsync(_h.TokenFor(Instance), _h.Settings(audience: null), TestContext.Current.CancellationToken));

        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("gce_audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_keys_that_cannot_be_fetched_fail_naming_Googles_certificates()
    {
        _h.Google.FailCertsNext(1);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => VerifyAsync(_h.TokenFor(Instance)));

        Assert.Equal(Upstream.GoogleCerts, error.Upstream);
        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
    }

    [Fact]
    public async Task Unreachable_certificate_endpoint_is_unavailable_not_a_bad_token()
    {
        var settings = _h.Settings() with { GceCertsEndpoint = "http://127.0.0.1:1/oauth2/v3/certs" };

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            _h.Verifier().VerifyAsync(_h.TokenFor(Instance), settings, TestContext.Current.CancellationToken));

        Assert.Equal(Upstream.GoogleCerts, error.Upstream);
        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
    }

    [Fact]
    public async Task Malformed_gce_certs_endpoint_is_a_configuration_failure_naming_the_field()
    {
        var settings = _h.Settings() with { GceCertsEndpoint = "not a url" };

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            _h.Verifier().VerifyAsync(_h.TokenFor(Instance), settings, TestContext.Current.CancellationToken));

        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("gce_certs_endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_whose_signature_was_cut_short_is_refused()
    {
        var parts = _h.TokenFor(Instance).Split('.');
        var shortened = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2])[..^8];

        await RefusedAsync($"{parts[0]}.{parts[1]}.{System.Buffers.Text.Base64Url.EncodeToString(shortened)}", "signature is invalid");
    }

    [Fact]
    public async Task Token_for_an_unverified_email_is_refused() =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["email_verified"] = false), "email");

    [Fact]
    public async Task Expiry_given_as_text_instead_of_a_number_is_refused() =>
        await RefusedAsync(_h.TokenFor(Instance, claims => claims["exp"] = "2099-01-01T00:00:00Z"), "not well-formed");
}
