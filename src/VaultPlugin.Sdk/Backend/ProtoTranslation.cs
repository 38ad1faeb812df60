using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Backend;

/// <summary>
/// pb.Request/pb.Response ⇄ the framework's records, with the host's encoding rules (docs/protocol.md §5.4): JSON
/// text never empty, durations in nanoseconds, lease_options always with an issue_time.
/// </summary>
internal static class ProtoTranslation
{
    /// <summary>Go's zero time.Time, which Go plugins send when no issue time is known.</summary>
    private static readonly Timestamp GoZeroTime = new() { Seconds = -62135596800, Nanos = 0 };

    // Duplicate keys are refused at parse time: JsonObject would otherwise throw ArgumentException on first
    // enumeration, deep in field parsing, and the request would end as a 500 instead of a 400.
    private static readonly JsonDocumentOptions JsonLimits = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static LogicalRequest ToLogical(Request request) => new()
    {
        Operation = request.Operation,
        Path = request.Path,
        Data = ParseObject(request.Data, "request data"),
        Id = request.Id,
        MountPoint = request.MountPoint,
        RemoteAddress = string.IsNullOrEmpty(request.Connection?.RemoteAddr) ? null : request.Connection.RemoteAddr,
        Unauthenticated = request.Unauthenticated,
        Auth = request.Auth is null ? null : ToLogical(request.Auth),
    };

    public static Response ToProto(LogicalResponse response)
    {
        var proto = new Response { Data = response.Data?.ToJsonString() ?? "null" };
        proto.Warnings.AddRange(response.Warnings);
        if (response.Auth is not null)
        {
            proto.Auth = ToProto(response.Auth);
        }

        return proto;
    }

    /// <summary>
    /// An error as Vault's Go framework sends it: <c>data.error</c> carries the text, ProtoError the status. Two
    /// exceptions, both because Vault drops one of the two: a coded error goes without a Response (with one, Vault
    /// 0.10 answers 400 and loses the code), and a refused renewal goes as a Response alone (Vault's expiration
    /// manager replaces any ProtoError's text with its own "permission denied", but hands an error Response's text
    /// to the client with a 400).
    /// </summary>
    public static (Response? Response, ProtoError? Error) ToProto(RequestException exception, string operation) =>
        exception.Kind == RequestErrorKind.PermissionDenied && operation == Operations.Renew
            ? (ErrorResponse(exception.Message), null)
            : ToProto(exception);

    /// <inheritdoc cref="ToProto(RequestException, string)"/>
    public static (Response? Response, ProtoError Error) ToProto(RequestException exception) => exception.Kind switch
    {
        RequestErrorKind.BadRequest => (ErrorResponse(exception.Message), new ProtoError { ErrType = 4, ErrMsg = exception.Message }),
        RequestErrorKind.PermissionDenied => (ErrorResponse(exception.Message), new ProtoError { ErrType = 8, ErrMsg = "permission denied" }),
        RequestErrorKind.UnsupportedOperation => (ErrorResponse(exception.Message), new ProtoError { ErrType = 5, ErrMsg = "unsupported operation" }),
        RequestErrorKind.UnsupportedPath => (ErrorResponse(exception.Message), new ProtoError { ErrType = 6, ErrMsg = "unsupported path" }),
        // A coded error carries no Response: with one, Vault 0.10.1 answers 400 ("your input is wrong") whatever
        // err_code says; without, it answers err_code (502/503 seen against the real server), as newer hosts do.
        RequestErrorKind.Coded => (null, new ProtoError { ErrType = 3, ErrMsg = exception.Message, ErrCode = exception.StatusCode }),
        RequestErrorKind.Storage => (null, new ProtoError { ErrType = 0, ErrMsg = exception.Message }),
        _ => (null, new ProtoError { ErrType = 2, ErrMsg = exception.Message }),
    };

    internal static JsonObject? ParseObject(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "null")
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: JsonLimits) as JsonObject
                   ?? throw RequestException.BadRequest($"{what} must be a JSON object");
        }
        catch (JsonException)
        {
            throw RequestException.BadRequest($"{what} is not valid JSON");
        }
    }

    private static Response ErrorResponse(string message) =>
        new() { Data = new JsonObject { ["error"] = message }.ToJsonString() };

    private static AuthData ToLogical(Auth auth) => new()
    {
        Policies = [.. auth.Policies],
        Metadata = auth.Metadata.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        DisplayName = auth.DisplayName,
        AliasName = auth.Alias?.Name ?? "",
        InternalData = ParseObject(auth.InternalData, "auth internal data") ?? [],
        Ttl = FromNanoseconds(auth.LeaseOptions?.TTL ?? 0),
        MaxTtl = FromNanoseconds(auth.LeaseOptions?.MaxTTL ?? 0),
        Renewable = auth.LeaseOptions?.Renewable ?? false,
        Increment = FromNanoseconds(auth.LeaseOptions?.Increment ?? 0),
        IssueTime = auth.LeaseOptions?.IssueTime is { } issued && issued.Seconds > GoZeroTime.Seconds ? issued.ToDateTimeOffset() : null,
        Period = FromNanoseconds(auth.Period),
        ExplicitMaxTtl = FromNanoseconds(auth.ExplicitMaxTtl),
        NumUses = auth.NumUses,
        BoundCidrs = [.. auth.BoundCidrs],
        TokenType = (TokenType)auth.TokenType,
        NoDefaultPolicy = auth.NoDefaultPolicy,
        Original = auth,
    };

    private static Auth ToProto(AuthData auth)
    {
        // On renew Vault compares policies with the token's: start from what it sent and change only the lease.
        var proto = auth.Original?.Clone() ?? new Auth();
        if (auth.Original is null)
        {
            proto.Policies.AddRange(auth.Policies);
            proto.DisplayName = auth.DisplayName;
            proto.Alias = new Alias { Name = auth.AliasName };
            proto.BoundCidrs.AddRange(auth.BoundCidrs);
            proto.NumUses = auth.NumUses;
            proto.TokenType = (uint)auth.TokenType;
            proto.NoDefaultPolicy = auth.NoDefaultPolicy;
        }

        proto.Metadata.Clear();
        proto.Metadata.Add(auth.Metadata.ToDictionary(pair => pair.Key, pair => pair.Value));
        proto.InternalData = auth.InternalData.ToJsonString();
        proto.Period = ToNanoseconds(auth.Period);
        proto.ExplicitMaxTtl = ToNanoseconds(auth.ExplicitMaxTtl);
        proto.LeaseOptions = new LeaseOptions
        {
            TTL = ToNanoseconds(auth.Ttl),
            MaxTTL = ToNanoseconds(auth.MaxTtl),
            Renewable = auth.Renewable,
            Increment = auth.Original?.LeaseOptions?.Increment ?? 0,
            IssueTime = auth.Original?.LeaseOptions?.IssueTime ?? GoZeroTime,
        };
        return proto;
    }

    private static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    private static long ToNanoseconds(TimeSpan duration) => duration.Ticks * 100;
}
