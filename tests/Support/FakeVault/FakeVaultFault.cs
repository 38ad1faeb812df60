namespace VaultEc2Auth.TestSupport;

/// <summary>
/// A failure the fake Vault answers with instead of serving a request. A fault with <see cref="NthWrite"/> fires
/// once, on that write counted from when it was added; one with a method and/or path prefix fires until cleared.
/// <see cref="Status"/> 0 serves the request normally, which with <see cref="Delay"/> makes a slow Vault.
/// </summary>
public sealed record FakeVaultFault(int Status, string Message)
{
    /// <summary>Only this HTTP method (e.g. <c>PUT</c>); null for any.</summary>
    public string? Method { get; init; }

    /// <summary>Only paths (relative to <c>/v1/</c>) starting with this; null for any.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Only the Nth write (1-based) after the fault was added; null for every matching request.</summary>
    public int? NthWrite { get; init; }

    /// <summary>Wait this long (or until the client gives up) before answering.</summary>
    public TimeSpan Delay { get; init; }
}
