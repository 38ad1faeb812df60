namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The unix socket the plugin serves on: in a private directory (mode 0700) created for this process, or in
/// <c>PLUGIN_UNIX_SOCKET_DIR</c> when a runner asks for it. The private directory is removed on exit.
/// </summary>
internal sealed class PluginListener : IDisposable
{
    private readonly string? _ownedDirectory;

    private PluginListener(string socketPath, string? ownedDirectory)
    {
        SocketPath = socketPath;
        _ownedDirectory = ownedDirectory;
    }

    public string SocketPath { get; }

    public static PluginListener Create(string? requestedDirectory)
    {
        var name = "plugin" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (requestedDirectory is not null)
        {
            return new PluginListener(Path.Combine(requestedDirectory, name), null);
        }

        var directory = Directory.CreateTempSubdirectory("vault-plugin-").FullName;
        return new PluginListener(Path.Combine(directory, name), directory);
    }

    public void Dispose()
    {
        try
        {
            if (_ownedDirectory is not null)
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            else if (File.Exists(SocketPath))
            {
                File.Delete(SocketPath);
            }
        }
        catch (IOException)
        {
            // Exiting anyway: a leftover socket in a temp directory is harmless and the OS cleans temp.
        }
    }
}
