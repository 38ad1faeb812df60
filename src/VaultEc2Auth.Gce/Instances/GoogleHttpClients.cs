namespace VaultEc2Auth.Gce.Instances;

/// <summary>The HTTP clients the GCE adapters own when none is given: bounded waits, connections renewed so DNS changes apply.</summary>
internal static class GoogleHttpClients
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The metadata server answers in milliseconds on GCE; off GCE nothing should wait long.</summary>
    public static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(2);

    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = RequestTimeout,
    };

    /// <summary>No proxy: the metadata server is link-local and must never be asked through one.</summary>
    public static HttpClient CreateForMetadata() => new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = MetadataTimeout })
    {
        Timeout = MetadataTimeout,
    };
}
