using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests;

/// <summary>Assertions on how a request fails, as Vault would see it.</summary>
internal static class RequestAssert
{
    public static async Task<RequestException> FailsAsync(RequestErrorKind kind, Func<Task> request)
    {
        var exception = await Assert.ThrowsAsync<RequestException>(request);
        Assert.True(exception.Kind == kind, $"expected {kind}, got {exception.Kind}: {exception.Message}");
        return exception;
    }

    public static Task<RequestException> BadRequestAsync(Func<Task> request) => FailsAsync(RequestErrorKind.BadRequest, request);

    public static Task<RequestException> DeniedAsync(Func<Task> request) => FailsAsync(RequestErrorKind.PermissionDenied, request);

    /// <summary>A 5xx-class failure: Internal, or Coded with a status of 500 or more.</summary>
    public static async Task<RequestException> ServerErrorAsync(Func<Task> request)
    {
        var exception = await Assert.ThrowsAsync<RequestException>(request);
        Assert.True(exception.Kind == RequestErrorKind.Internal || (exception.Kind == RequestErrorKind.Coded && exception.StatusCode >= 500),
            $"expected a 5xx-class failure, got {exception.Kind} {exception.StatusCode}: {exception.Message}");
        return exception;
    }
}
