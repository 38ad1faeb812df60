namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>What a fuzz input mutates, and which entry point it goes to.</summary>
internal enum FuzzTarget
{
    /// <summary>The line-wrapped base64 text of a PKCS#7, to the verifier.</summary>
    Pkcs7Base64,

    /// <summary>The PKCS#7 with PEM armour, mutated as text, to the verifier.</summary>
    Pkcs7Pem,

    /// <summary>The decoded PKCS#7 (DER/BER bytes), mutated and re-encoded, to the verifier.</summary>
    Pkcs7Der,

    /// <summary>The JSON document, mutated and then signed by the test CA in one of the three forms, to the verifier.</summary>
    DocumentJson,

    /// <summary>The identity + signature pair, either half mutated, to the verifier.</summary>
    IdentitySignature,

    /// <summary>A whole login request body (types, sizes, nesting, proofs) through the backend's login path.</summary>
    LoginBody,
}
