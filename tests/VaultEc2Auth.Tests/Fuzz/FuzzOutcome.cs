namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>How one fuzz input ended; only <see cref="Accepted"/> and <see cref="Rejected"/> keep the oracle.</summary>
internal enum FuzzOutcome
{
    /// <summary>Verified (or logged in) as exactly the genuine document it was derived from.</summary>
    Accepted,

    /// <summary>A 4xx: BadRequest from the verifier; any 4xx kind from the login path.</summary>
    Rejected,

    /// <summary>Verified, but as a document no genuine proof carries: a forgery got through.</summary>
    Forged,

    /// <summary>A 5xx for bad input.</summary>
    ServerError,

    /// <summary>Any exception other than a request failure.</summary>
    Crash,

    /// <summary>A login that answered neither a token nor an error.</summary>
    NoAnswer,
}
