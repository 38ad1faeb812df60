namespace VaultPlugin.Sdk.Logging;

/// <summary>hclog's levels, in the order go-hclog defines them.</summary>
public enum HclogLevel { Trace, Debug, Info, Warn, Error, Off }

internal static class HclogLevels
{
    /// <summary>Parses Vault's level names (<c>VAULT_LOG_LEVEL</c>/<c>BAO_LOG_LEVEL</c>); unknown or missing is <c>info</c>.</summary>
    public static HclogLevel Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "trace" => HclogLevel.Trace,
        "debug" => HclogLevel.Debug,
        "warn" or "warning" => HclogLevel.Warn,
        "error" or "err" => HclogLevel.Error,
        "off" => HclogLevel.Off,
        _ => HclogLevel.Info,
    };

    public static string Name(HclogLevel level) => level switch
    {
        HclogLevel.Trace => "trace",
        HclogLevel.Debug => "debug",
        HclogLevel.Warn => "warn",
        HclogLevel.Error => "error",
        _ => "info",
    };
}
