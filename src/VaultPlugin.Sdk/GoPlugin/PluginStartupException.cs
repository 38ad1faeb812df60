namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>The process cannot become a plugin (bad environment, failed unwrap): print the reason and exit non-zero.</summary>
internal sealed class PluginStartupException(string message, Exception? inner = null) : Exception(message, inner);
