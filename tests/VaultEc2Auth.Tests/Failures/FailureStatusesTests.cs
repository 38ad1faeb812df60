using VaultEc2Auth.Failures;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Failures;

/// <summary>The one mapping from failures to statuses: never a 4xx for an upstream's fault.</summary>
public sealed class FailureStatusesTests
{
    private static readonly LogicalRequest Login = new() { Operation = Operations.Update, Path = "login", Unauthenticated = true };
    private static readonly LogicalRequest Operator = new() { Operation = Operations.Update, Path = "config/vault" };
    private static readonly LogicalRequest Renewal = new() { Operation = Operations.Renew, Path = "login" };

    private static readonly UpstreamFailure Unreachable = new(Upstream.Vault, UpstreamProblem.Unavailable,
        "Vault: unreachable from the plugin", "vault: PUT sys/policies/acl/x at http://10.0.0.5:8200 failed: Connection refused");

    [Theory]
    [InlineData(UpstreamProblem.Unavailable, 503)]
    [InlineData(UpstreamProblem.NotConfigured, 500)]
    [InlineData(UpstreamProblem.Failed, 502)]
    [InlineData(UpstreamProblem.Refused, 502)]
    [InlineData(UpstreamProblem.WriterTokenRevoked, 502)]
    [InlineData(UpstreamProblem.WriterTokenExpired, 502)]
    [InlineData(UpstreamProblem.WriterTokenLacksPermission, 502)]
    public void Upstream_failure_is_a_5xx_coded_error(UpstreamProblem problem, int status)
    {
        var mapped = FailureStatuses.ToRequestException(new UpstreamFailure(Upstream.Ec2, problem, "EC2: x"), Login)!;

        Assert.Equal(RequestErrorKind.Coded, mapped.Kind);
        Assert.Equal(status, mapped.StatusCode);
    }

    [Fact]
    public void Instances_see_the_short_message_without_address_or_path()
    {
        Assert.Equal("Vault: unreachable from the plugin", FailureStatuses.ToRequestException(Unreachable, Login)!.Message);
        Assert.Equal("Vault: unreachable from the plugin", FailureStatuses.ToRequestException(Unreachable, Renewal)!.Message);
    }

    [Fact]
    public void Operators_see_the_detail()
    {
        Assert.Contains("10.0.0.5:8200", FailureStatuses.ToRequestException(Unreachable, Operator)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_input_is_a_400_and_a_refusal_a_403()
    {
        Assert.Equal(RequestErrorKind.BadRequest, FailureStatuses.ToRequestException(new InvalidInput("pkcs7: not a PKCS#7 structure"), Login)!.Kind);
        Assert.Equal(RequestErrorKind.PermissionDenied, FailureStatuses.ToRequestException(new Refused("instance not found"), Login)!.Kind);
    }

    [Fact]
    public void Other_exceptions_are_not_mapped()
    {
        Assert.Null(FailureStatuses.ToRequestException(new InvalidOperationException("bug"), Login));
    }
}
