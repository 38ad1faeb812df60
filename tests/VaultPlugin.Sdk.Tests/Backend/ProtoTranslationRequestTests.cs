using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Tests.Backend;

/// <summary>pb.Request to the framework's request: JSON data, renew Auth, nanoseconds (docs/protocol.md §5.3–5.4).</summary>
public sealed class ProtoTranslationRequestTests
{
    private const long GoZeroTimeSeconds = -62135596800;

    [Fact]
    public void Durations_are_read_from_nanoseconds()
    {
        var request = ToLogical(new Request
        {
            Operation = "renew",
            Path = "login",
            Data = "null",
            Auth = new Auth
            {
                LeaseOptions = new LeaseOptions { TTL = 3_600_000_000_000, Increment = 7_200_000_000_000, MaxTTL = 86_400_000_000_000 },
                Period = 60_000_000_000,
                InternalData = "{}",
            },
        });

        Assert.Equal(TimeSpan.FromHours(1), request.Auth!.Ttl);
        Assert.Equal(TimeSpan.FromHours(2), request.Auth.Increment);
        Assert.Equal(TimeSpan.FromDays(1), request.Auth.MaxTtl);
        Assert.Equal(TimeSpan.FromMinutes(1), request.Auth.Period);
    }

    [Fact]
    public void Renew_request_exposes_the_original_issue_time_and_internal_data()
    {
        var issued = new DateTimeOffset(2025, 3, 1, 10, 15, 30, TimeSpan.Zero);
        var request = ToLogical(new Request
        {
            Operation = "renew",
            Path = "login",
            Auth = new Auth
            {
                LeaseOptions = new LeaseOptions { IssueTime = Timestamp.FromDateTimeOffset(issued) },
                InternalData = "{\"role\":\"web\"}",
                Alias = new Alias { Name = "i-0abc" },
            },
        });

        Assert.Equal(issued, request.Auth!.IssueTime);
        Assert.Equal("i-0abc", request.Auth.AliasName);
        Assert.Equal("web", request.Auth.InternalData["role"]!.GetValue<string>());
    }

    [Fact]
    public void Go_zero_issue_time_reads_as_unknown()
    {
        var request = ToLogical(new Request
        {
            Operation = "renew",
            Path = "login",
            Auth = new Auth { LeaseOptions = new LeaseOptions { IssueTime = new Timestamp { Seconds = GoZeroTimeSeconds } }, InternalData = "{}" },
        });

        Assert.Null(request.Auth!.IssueTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public void Request_without_data_has_null_data(string data) =>
        Assert.Null(ToLogical(new Request { Operation = "read", Path = "roles/web", Data = data }).Data);

    [Fact]
    public void Request_data_object_is_parsed()
    {
        var request = ToLogical(new Request { Operation = "update", Path = "login", Data = "{\"role\":\"web\",\"ttl\":3600}" });

        Assert.Equal("web", request.Data!["role"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, request.Data["ttl"]!.GetValueKind());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"unterminated\":")]
    [InlineData("not json")]
    public void Request_data_that_is_not_a_JSON_object_is_a_bad_request(string data)
    {
        var exception = Assert.Throws<RequestException>(() => ToLogical(new Request { Operation = "update", Path = "login", Data = data }));

        Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
    }

    [Fact]
    public void Request_data_with_a_duplicate_key_is_a_bad_request()
    {
        var exception = Assert.Throws<RequestException>(() =>
            ToLogical(new Request { Operation = "update", Path = "login", Data = "{\"role\":\"a\",\"role\":\"b\"}" }));

        Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
    }

    [Fact]
    public void Request_data_nested_too_deeply_is_a_bad_request()
    {
        var data = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}";

        var exception = Assert.Throws<RequestException>(() => ToLogical(new Request { Operation = "update", Path = "login", Data = data }));

        Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
    }

    [Fact]
    public void Request_metadata_is_carried_over()
    {
        var request = ToLogical(new Request
        {
            Id = "req-1",
            Operation = "update",
            Path = "login",
            Data = "{}",
            MountPoint = "auth/ec2/",
            Unauthenticated = true,
            Connection = new Connection { RemoteAddr = "10.0.0.5" },
        });

        Assert.Equal("req-1", request.Id);
        Assert.Equal("auth/ec2/", request.MountPoint);
        Assert.True(request.Unauthenticated);
        Assert.Equal("10.0.0.5", request.RemoteAddress);
        Assert.Null(request.Auth);
    }

    private static LogicalRequest ToLogical(Request request) => ProtoTranslation.ToLogical(request);
}
