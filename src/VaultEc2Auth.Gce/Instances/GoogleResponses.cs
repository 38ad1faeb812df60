namespace VaultEc2Auth.Gce.Instances;

/// <summary>Reads an answer from Google with a size bound, so a broken or hostile peer cannot make the plugin buffer without limit.</summary>
internal static class GoogleResponses
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > 0 and var declared && declared > maxBytes)
        {
            return null;
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeStream = stream.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Exponential backoff with full jitter (Google's "retry with exponential backoff"), 200 ms base, 3 s cap.</summary>
    public static TimeSpan FullJitterBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(3000, 200 * Math.Pow(2, attempt)));

    /// <summary>config/client max_retries (-1: the default of 3), capped so one login cannot wait for minutes.</summary>
    public static int RetriesFor(VaultEc2Auth.Instances.CloudClientSettings settings) =>
        settings.MaxRetries >= 0 ? Math.Min(settings.MaxRetries, 10) : 3;

    /// <summary>A short upstream status (<c>NOT_FOUND</c>, <c>invalid_grant</c>) is safe to show; anything else is not.</summary>
    public static bool IsShortCode(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
