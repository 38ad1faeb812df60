using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Tests.Backend;

/// <summary>Framework answers to pb.Response and ProtoError with the host's encoding rules (docs/protocol.md §5.4–5.5).</summary>
public sealed class ProtoTranslationResponseTests
{
    private const long GoZeroTimeSeconds = -62135596800;

    [Fact]
    public void Durations_are_sent_as_nanoseconds()
    {
        var response = ProtoTranslation.ToProto(LogicalResponse.WithAuth(new AuthData
        {
            AliasName = "i-0abc",
            Ttl = TimeSpan.FromSeconds(3600),
            MaxTtl = TimeSpan.FromHours(24),
            Period = TimeSpan.FromMinutes(30),
            ExplicitMaxTtl = TimeSpan.FromDays(2),
        }));

        Assert.Equal(3_600_000_000_000, response.Auth.LeaseOptions.TTL);
        Assert.Equal(86_400_000_000_000, response.Auth.LeaseOptions.MaxTTL);
        Assert.Equal(1_800_000_000_000, response.Auth.Period);
        Assert.Equal(172_800_000_000_000, response.Auth.ExplicitMaxTtl);
    }

    [Fact]
    public void Login_auth_without_known_issue_time_carries_Go_zero_time()
    {
        var response = ProtoTranslation.ToProto(LogicalResponse.WithAuth(new AuthData { AliasName = "i-0abc", Ttl = TimeSpan.FromHours(1) }));

        Assert.NotNull(response.Auth.LeaseOptions.IssueTime);
        Assert.Equal(new Timestamp { Seconds = GoZeroTimeSeconds, Nanos = 0 }, response.Auth.LeaseOptions.IssueTime);
    }

    [Fact]
    public void Login_auth_carries_alias_policies_and_token_settings()
    {
        var response = ProtoTranslation.ToProto(LogicalResponse.WithAuth(new AuthData
        {
            AliasName = "i-0abc",
            DisplayName = "i-0abc",
            Policies = ["ec2-i-0abc"],
            Metadata = new Dictionary<string, string> { ["instance_id"] = "i-0abc" },
            InternalData = new JsonObject { ["role"] = "web" },
            Renewable = true,
            TokenType = TokenType.Service,
            BoundCidrs = ["10.0.0.5/32"],
            NumUses = 3,
        }));

        Assert.Equal("i-0abc", response.Auth.Alias.Name);
        Assert.Equal(["ec2-i-0abc"], response.Auth.Policies);
        Assert.Equal("i-0abc", response.Auth.Metadata["instance_id"]);
        Assert.Equal("web", JsonNode.Parse(response.Auth.InternalData)!["role"]!.GetValue<string>());
        Assert.True(response.Auth.LeaseOptions.Renewable);
        Assert.Equal(1u, response.Auth.TokenType);
        Assert.Equal(["10.0.0.5/32"], response.Auth.BoundCidrs);
        Assert.Equal(3, response.Auth.NumUses);
        Assert.Null(response.Secret);
    }

    [Fact]
    public void Auth_internal_data_is_never_an_empty_string()
    {
        var response = ProtoTranslation.ToProto(LogicalResponse.WithAuth(new AuthData { AliasName = "i-0abc" }));

        Assert.Equal("{}", response.Auth.InternalData);
    }

    [Fact]
    public void Response_without_data_sends_JSON_null_never_an_empty_string()
    {
        var response = ProtoTranslation.ToProto(new LogicalResponse());

        Assert.Equal("null", response.Data);
    }

    [Fact]
    public void Response_data_and_warnings_are_sent_as_JSON_text()
    {
        var logical = LogicalResponse.WithData(new JsonObject { ["keys"] = new JsonArray("a", "b/") });
        logical.Warnings.Add("careful");

        var response = ProtoTranslation.ToProto(logical);

        Assert.Equal("{\"keys\":[\"a\",\"b/\"]}", response.Data);
        Assert.Equal(["careful"], response.Warnings);
    }

    [Fact]
    public void Bad_request_is_type_4_with_the_text_in_data_error()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.BadRequest("missing role"));

        Assert.Equal(4u, error.ErrType);
        Assert.Equal("missing role", ErrorText(response));
    }

    [Fact]
    public void Denied_is_type_8_permission_denied_with_the_reason_in_data_error()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.Denied("instance is not running"));

        Assert.Equal(8u, error.ErrType);
        Assert.Equal("permission denied", error.ErrMsg);
        Assert.Equal("instance is not running", ErrorText(response));
    }

    [Fact]
    public void Unsupported_operation_is_type_5()
    {
        var (_, error) = ProtoTranslation.ToProto(RequestException.Unsupported("unsupported operation"));

        Assert.Equal(5u, error.ErrType);
    }

    [Fact]
    public void Unsupported_path_is_type_6()
    {
        var (_, error) = ProtoTranslation.ToProto(RequestException.NotFound("unsupported path"));

        Assert.Equal(6u, error.ErrType);
    }

    [Fact]
    public void Coded_error_is_type_3_with_its_status_and_no_response_so_Vault_keeps_the_code()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.Coded(502, "EC2: unreachable"));

        Assert.Equal(3u, error.ErrType);
        Assert.Equal(502, error.ErrCode);
        Assert.Equal("EC2: unreachable", error.ErrMsg);
        Assert.Null(response);
    }

    [Fact]
    public void Refused_renewal_is_an_error_response_alone_so_Vault_passes_the_reason_on()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.Denied("instance i-0abc is terminated, not running"), Operations.Renew);

        Assert.Null(error);
        Assert.Equal("instance i-0abc is terminated, not running", ErrorText(response));
    }

    [Fact]
    public void Refused_login_keeps_type_8_with_the_reason()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.Denied("instance not found"), Operations.Update);

        Assert.Equal(8u, error!.ErrType);
        Assert.Equal("instance not found", ErrorText(response));
    }

    [Fact]
    public void Coded_upstream_failure_is_type_3_without_a_response_so_no_host_turns_it_into_a_400()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.Coded(502, "vault: GET auth/token/lookup-self at http://127.0.0.1:8200 failed"));

        Assert.Equal(3u, error.ErrType);
        Assert.Equal(502, error.ErrCode);
        Assert.Equal("vault: GET auth/token/lookup-self at http://127.0.0.1:8200 failed", error.ErrMsg);
        Assert.Null(response);
    }

    [Fact]
    public void Storage_error_is_a_plain_error_with_Vaults_text_unchanged()
    {
        var (response, error) = ProtoTranslation.ToProto(new RequestException(RequestErrorKind.Storage, "cannot write to readonly storage"));

        Assert.Equal(0u, error.ErrType);
        Assert.Equal("cannot write to readonly storage", error.ErrMsg);
        Assert.Null(response);
    }

    [Fact]
    public void Internal_error_is_type_2_without_a_response()
    {
        var (response, error) = ProtoTranslation.ToProto(RequestException.Internal("boom"));

        Assert.Equal(2u, error.ErrType);
        Assert.Null(response);
    }

    [Fact]
    public void Renew_keeps_the_original_auth_and_changes_only_the_lease()
    {
        var issued = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 10, 15, 30, TimeSpan.Zero));
        var original = new Auth
        {
            LeaseOptions = new LeaseOptions { TTL = 3_600_000_000_000, Renewable = true, Increment = 7_200_000_000_000, IssueTime = issued },
            InternalData = "{\"role\":\"web\"}",
            DisplayName = "ec2-i-0abc",
            ClientToken = "hvs.token",
            Accessor = "accessor-1",
            EntityId = "entity-1",
            Alias = new Alias { Name = "i-0abc", MountAccessor = "auth_ec2_1234" },
        };
        original.Policies.Add("ec2-i-0abc");
        original.TokenPolicies.Add("default");
        original.TokenPolicies.Add("ec2-i-0abc");
        original.IdentityPolicies.Add("team");
        original.Metadata.Add("instance_id", "i-0abc");
        var request = ToLogical(new Request { Operation = "renew", Path = "login", Data = "null", Auth = original });

        var renewed = ProtoTranslation.ToProto(LogicalResponse.WithAuth(request.Auth! with { Ttl = TimeSpan.FromHours(2) })).Auth;

        Assert.Equal(7_200_000_000_000, renewed.LeaseOptions.TTL);
        Assert.Equal(issued, renewed.LeaseOptions.IssueTime);
        Assert.Equal(7_200_000_000_000, renewed.LeaseOptions.Increment);
        Assert.True(renewed.LeaseOptions.Renewable);
        Assert.Equal(original.Policies, renewed.Policies);
        Assert.Equal(original.TokenPolicies, renewed.TokenPolicies);
        Assert.Equal(original.IdentityPolicies, renewed.IdentityPolicies);
        Assert.Equal("hvs.token", renewed.ClientToken);
        Assert.Equal("accessor-1", renewed.Accessor);
        Assert.Equal("entity-1", renewed.EntityId);
        Assert.Equal(original.Alias, renewed.Alias);
        Assert.Equal("ec2-i-0abc", renewed.DisplayName);
        Assert.Equal("i-0abc", renewed.Metadata["instance_id"]);
        Assert.Equal("web", JsonNode.Parse(renewed.InternalData)!["role"]!.GetValue<string>());
    }

    private static LogicalRequest ToLogical(Request request) => ProtoTranslation.ToLogical(request);

    private static string? ErrorText(Response? response) =>
        JsonNode.Parse(response!.Data)!["error"]!.GetValue<string>();
}
