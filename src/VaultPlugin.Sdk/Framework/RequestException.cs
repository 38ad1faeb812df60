namespace VaultPlugin.Sdk.Framework;

/// <summary>How a failed request reaches Vault: each kind maps to one ProtoError type and HTTP status.</summary>
public enum RequestErrorKind
{
    BadRequest,
    PermissionDenied,
    UnsupportedOperation,
    UnsupportedPath,
    /// <summary>An explicit HTTP status (e.g. 502 for an upstream failure, 429).</summary>
    Coded,
    /// <summary>
    /// Vault's storage failed; its text reaches Vault unchanged (plain error), so that a standby's
    /// "cannot write to readonly storage" makes Vault forward the request to the active node.
    /// </summary>
    Storage,
    Internal,
}

/// <summary>
/// A request that cannot be served, with a message safe to show the caller: never put a secret, a token or a
/// stack trace in it.
/// </summary>
public sealed class RequestException : Exception
{
    public RequestException(RequestErrorKind kind, string message, int statusCode = 0, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    public RequestErrorKind Kind { get; }

    /// <summary>HTTP status for <see cref="RequestErrorKind.Coded"/>; 0 otherwise.</summary>
    public int StatusCode { get; }

    public static RequestException BadRequest(string message) => new(RequestErrorKind.BadRequest, message);
    public static RequestException Denied(string message) => new(RequestErrorKind.PermissionDenied, message);
    public static RequestException Unsupported(string message) => new(RequestErrorKind.UnsupportedOperation, message);
    public static RequestException NotFound(string message) => new(RequestErrorKind.UnsupportedPath, message);
    public static RequestException Coded(int status, string message, Exception? inner = null) =>
        new(RequestErrorKind.Coded, message, status, inner);
    public static RequestException Internal(string message, Exception? inner = null) =>
        new(RequestErrorKind.Internal, message, 0, inner);
}
