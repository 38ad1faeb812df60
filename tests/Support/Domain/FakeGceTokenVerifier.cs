using System.Collections.Concurrent;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// Stands in for the check of Google's signature: a token verifies when it was registered here, mapping it to the
/// identity it "signs", and only for the audience it was registered with. Anything else is InvalidInput, as the real
/// verifier's contract says.
/// </summary>
public sealed class FakeGceTokenVerifier : IGceIdentityTokenVerifier
{
    private readonly ConcurrentDictionary<string, (VerifiedDocument Identity, string Audience)> _tokens = new(StringComparer.Ordinal);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void Add(string jwt, VerifiedDocument identity, string audience) => _tokens[jwt] = (identity, audience);

    public Task<VerifiedDocument> VerifyAsync(string jwt, CloudClientSettings settings, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (!_tokens.TryGetValue(jwt, out var known))
        {
            throw new InvalidInput("the identity token's signature does not verify");
        }

        return known.Audience == settings.GceAudience
            ? Task.FromResult(known.Identity)
            : throw new InvalidInput("the identity token's audience is not gce_audience");
    }
}
