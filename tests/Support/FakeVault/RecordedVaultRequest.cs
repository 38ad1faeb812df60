namespace VaultEc2Auth.TestSupport;

/// <summary>
/// One request as the fake Vault saw it. <see cref="Path"/> is decoded and relative to <c>/v1/</c>;
/// <see cref="RawTarget"/> is the request line's target as sent. The token itself is never recorded.
/// </summary>
public sealed record RecordedVaultRequest(
    string Method,
    string Path,
    string RawTarget,
    string? Namespace,
    bool HasVaultRequestHeader,
    bool TokenAccepted)
{
    /// <summary>A request that changes stored state (policies or objects); token calls do not count.</summary>
    public bool IsWrite =>
        Method is "PUT" or "POST" or "DELETE" && !Path.StartsWith("auth/token/", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}";
}
