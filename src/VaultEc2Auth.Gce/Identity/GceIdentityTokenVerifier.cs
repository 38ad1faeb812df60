using System.Security.Cryptography;
using System.Text.Json;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Gce.Instances;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Identity;

/// <summary>
/// Verifies the GCE metadata server's instance identity token (<c>identity?audience=…&amp;format=full</c>,
/// docs/gce.md): RS256 only, by the Google key its <c>kid</c> names, then issuer, audience, lifetime and the
/// <c>google.compute_engine</c> claims. Claims are read only after the signature holds.
/// </summary>
public sealed class GceIdentityTokenVerifier : IGceIdentityTokenVerifier, IDisposable
{
    /// <summary>Google's JWKS for the tokens it signs (docs/gce.md "Signing keys").</summary>
    public const string DefaultCertsEndpoint = "https://www.googleapis.com/oauth2/v3/certs";

    /// <summary>Google's key ids are 40 hex digits; anything much longer is not one.</summary>
    public const int MaxKidLength = 128;

    /// <summary>Vault's clock and Google's may differ a little.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>Google's instance tokens expire within an hour of issue.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    private const int MaxAudienceLength = 1024;

    private readonly GoogleSigningKeys _keys;
    private readonly TimeProvider _time;
    private readonly HttpClient? _ownedHttp;

    public GceIdentityTokenVerifier()
        : this(null, TimeProvider.System)
    {
    }

    /// <param name="http">Client for the JWKS; one is created and owned when null.</param>
    /// <param name="time">Clock for exp/iat and the key cache.</param>
    public GceIdentityTokenVerifier(HttpClient? http, TimeProvider time)
    {
        _time = time;
        if (http is null)
        {
            _ownedHttp = GoogleHttpClients.Create();
        }
        _keys = new GoogleSigningKeys(http ?? _ownedHttp!, time);
    }

    public async Task<VerifiedDocument> VerifyAsync(string jwt, CloudClientSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var audience = settings.GceAudience;
        if (string.IsNullOrEmpty(audience) || audience.Length > MaxAudienceLength)
        {
            // Without it any token Google ever signed for any service would do: the plugin must not accept one.
            throw new UpstreamFailure(Upstream.GoogleCerts, UpstreamProblem.NotConfigured,
                "GCE: config/client gce_audience is not set, so identity tokens cannot be checked");
        }
        var token = CompactJwt.Parse(jwt);
        var header = Deserialize(token.Header, GceIdentityJsonContext.Default.JoseHeader, "header");
        if (header.Alg != "RS256")
        {
            throw new InvalidInput("jwt alg must be RS256");
        }
        if (header.Crit is not null)
        {
            throw new InvalidInput("jwt header has critical extensions");
        }
        if (header.Kid is not { Length: > 0 and <= MaxKidLength } kid)
        {
            throw new InvalidInput("jwt kid is missing");
        }

        var key = await _keys.FindAsync(CertsEndpoint(settings), kid, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidInput("jwt is signed by a key Google does not publish");
        using (var rsa = RSA.Create(key))
        {
            if (token.Signature.Length != key.Modulus!.Length
                || !rsa.VerifyData(token.SigningInput, token.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new InvalidInput("jwt signature is invalid");
            }
        }

        var claims = Deserialize(token.Payload, GceIdentityJsonContext.Default.IdentityClaims, "claims");
        CheckRegisteredClaims(claims, audience);
        return ToDocument(claims);
    }

    public void Dispose() => _ownedHttp?.Dispose();

    private static Uri CertsEndpoint(CloudClientSettings settings) =>
        GoogleEndpoints.Resolve(settings.GceCertsEndpoint, DefaultCertsEndpoint, "gce_certs_endpoint", Upstream.GoogleCerts);

    private void CheckRegisteredClaims(IdentityClaims claims, string audience)
    {
        if (claims.Iss is not ("https://accounts.google.com" or "accounts.google.com"))
        {
            throw new InvalidInput("jwt issuer is not Google");
        }
        if (!string.Equals(claims.Aud, audience, StringComparison.Ordinal))
        {
            throw new InvalidInput("jwt audience is not this mount's gce_audience");
        }
        if (claims.Exp is not { } exp || claims.Iat is not { } iat || iat <= 0)
        {
            throw new InvalidInput("jwt exp and iat are required");
        }
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)ClockSkew.TotalSeconds;
        if (exp <= now - skew)
        {
            throw new InvalidInput("jwt has expired");
        }
        if (iat > now + skew)
        {
            throw new InvalidInput("jwt iat is in the future");
        }
        if (exp <= iat || exp - iat > (long)MaxLifetime.TotalSeconds)
        {
            throw new InvalidInput("jwt lifetime is not within an hour");
        }
    }

    private static VerifiedDocument ToDocument(IdentityClaims claims)
    {
        if (claims.Google?.ComputeEngine is not { } gce)
        {
            throw new InvalidInput("jwt has no google.compute_engine claims (request it with format=full)");
        }
        if (!GceIdentifierRules.IsValidProjectId(gce.ProjectId))
        {
            throw new InvalidInput("jwt project_id is missing or malformed");
        }
        if (gce.ProjectNumber is not > 0)
        {
            throw new InvalidInput("jwt project_number is missing or malformed");
        }
        if (GceIdentifierRules.RegionOfZone(gce.Zone) is not { } region)
        {
            throw new InvalidInput("jwt zone is missing or malformed");
        }
        if (!GceIdentifierRules.IsValidInstanceId(gce.InstanceId))
        {
            throw new InvalidInput("jwt instance_id is missing or malformed");
        }
        if (!GceIdentifierRules.IsValidInstanceName(gce.InstanceName))
        {
            throw new InvalidInput("jwt instance_name is missing or malformed");
        }
        if (gce.InstanceCreationTimestamp is not { } created || created <= 0 || created > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new InvalidInput("jwt instance_creation_timestamp is missing or malformed");
        }
        if (!GceIdentifierRules.IsValidServiceAccountEmail(claims.Email) || claims.EmailVerified == false)
        {
            throw new InvalidInput("jwt email is missing or not a service account");
        }
        return new VerifiedDocument(
            gce.InstanceId!,
            gce.ProjectId!,
            region,
            gce.Zone,
            DateTimeOffset.FromUnixTimeSeconds(claims.Iat!.Value),
            "",
            null,
            null,
            null)
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = gce.InstanceName,
            InstanceCreationTime = DateTimeOffset.FromUnixTimeSeconds(created),
            ServiceAccountEmail = claims.Email,
        };
    }

    private static T Deserialize<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string part)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new InvalidInput($"jwt {part} is not a JSON object");
        }
        catch (JsonException)
        {
            throw new InvalidInput($"jwt {part} is not well-formed JSON");
        }
    }
}
