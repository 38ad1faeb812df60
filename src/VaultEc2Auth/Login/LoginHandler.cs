using System.Net;
using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth.Login;

/// <summary>
/// <c>login</c>: the whole flow of design.md §2 in one method. Nothing is stored unless every step succeeded, so a
/// failed login can never lock the real instance out.
/// </summary>
public sealed class LoginHandler(LoginParts parts, HclogWriter log)
{
    private readonly OutcomeLog _outcomes = new(log, "login");

    public async Task<LogicalResponse?> LoginAsync(RequestContext context, FieldData fields)
    {
        var attempt = new Attempt();
        try
        {
            return await LoginAsync(context, fields, attempt).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _outcomes.Failed("login", attempt.InstanceId, attempt.Role, failure);
            throw;
        }
    }

    private async Task<LogicalResponse?> LoginAsync(RequestContext context, FieldData fields, Attempt attempt)
    {
        var (storage, cancellationToken) = (context.Storage, context.CancellationToken);
        var input = LoginInput.From(fields);
        attempt.Role = input.Role;

        var document = await parts.VerifyAsync(storage, input.Proof, cancellationToken).ConfigureAwait(false);
        attempt.InstanceId = document.InstanceId;
        var earlier = await parts.AccessList.GetAsync(storage, document.InstanceId, cancellationToken).ConfigureAwait(false);
        attempt.Role ??= earlier?.Role;
        ReplayPrecheck.DenyWhateverTheRole(earlier, document, input.Nonce);

        using var instanceLock = await parts.Locks.AcquireAsync(document.InstanceId, cancellationToken).ConfigureAwait(false);
        // Vault answers the mount's max lease TTL while the cloud describes the instance: one round trip of latency less.
        // Both are waited for here; a failed TTL read surfaces only where the TTL is used, after the checks below, so
        // a login refused for its own reasons is still refused (403), not a 500.
        var describing = parts.DescribeAsync(storage, document, cancellationToken);
        var mountMaxTtl = context.SystemView.MaxLeaseTtlAsync(cancellationToken);
        await Task.WhenAny(Task.WhenAll(describing, mountMaxTtl)).ConfigureAwait(false);
        var instance = await describing.ConfigureAwait(false);
        RequireRunning(instance);

        var roles = await parts.Roles.AllAsync(storage, cancellationToken).ConfigureAwait(false);
        var role = parts.Matcher.Match(instance, roles, input.Role);
        attempt.Role = role.Name;
        RequireBoundCidrs(role, context.Request.RemoteAddress);

        var lifetime = AccessList.Lifetime(await mountMaxTtl.ConfigureAwait(false), role);
        var previous = await parts.AccessList.GetAsync(storage, document.InstanceId, cancellationToken).ConfigureAwait(false);
        var access = AccessList.Evaluate(previous, document, input.Nonce, role, parts.Clock.GetUtcNow(), lifetime);

        var written = await parts.Materializer.ApplyAsync(storage, InstanceVariables.For(instance, role, parts.IdentifierRules, document.ServiceAccountEmail), role, checkUnchangedInVault: false, cancellationToken).ConfigureAwait(false);
        await parts.AccessList.StoreAsync(storage, document.InstanceId, access.Entry, cancellationToken).ConfigureAwait(false);

        // Debug, as Vault's own methods keep successes out of the server log (the audit log records every login): at
        // info, Vault parsed and re-wrote one line per login, 10–15% of a re-login's CPU in the login bench.
        if (log.IsEnabled(HclogLevel.Debug))
        {
            log.Write(HclogLevel.Debug, "login", "login accepted", [
                new("instance_id", instance.InstanceId), new("role", role.Name), new("policies", written.Policies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
        return LogicalResponse.WithAuth(TokenAuth.ForLogin(role, written, document, instance, access.GeneratedNonce));
    }

    /// <summary>
    /// <c>resolve-role</c> (Vault 1.10+ asks it for role-based rate-limit quotas): the role this login would use,
    /// from the verified document, the cloud's description and the role match, as Vault's aws method answers it. It
    /// reads only: no access list, no writes, no token.
    /// </summary>
    public async Task<LogicalResponse?> ResolveRoleAsync(RequestContext context, FieldData fields)
    {
        var (storage, cancellationToken) = (context.Storage, context.CancellationToken);
        var input = LoginInput.From(fields);
        var document = await parts.VerifyAsync(storage, input.Proof, cancellationToken).ConfigureAwait(false);
        var instance = await parts.DescribeAsync(storage, document, cancellationToken).ConfigureAwait(false);
        var roles = await parts.Roles.AllAsync(storage, cancellationToken).ConfigureAwait(false);
        var role = parts.Matcher.Match(instance, roles, input.Role);
        return LogicalResponse.WithData(new JsonObject { ["role"] = role.Name });
    }

    /// <summary>What a login has learnt so far, for its log line if it fails.</summary>
    private sealed class Attempt
    {
        public string? InstanceId { get; set; }
        public string? Role { get; set; }
    }

    internal static void RequireRunning(InstanceFacts instance)
    {
        if (instance.State != InstanceState.Running)
        {
            throw RequestException.Denied($"instance {instance.InstanceId} is {instance.State.ToString().ToLowerInvariant()}, not running");
        }
    }

    /// <summary>A login from no known address cannot be inside the role's CIDRs, so it is refused like any outsider.</summary>
    private static void RequireBoundCidrs(RoleEntry role, string? remoteAddress)
    {
        if (role.Token.BoundCidrs.Count == 0)
        {
            return;
        }

        if (remoteAddress is null)
        {
            throw RequestException.Denied("login is not allowed without a remote address when token_bound_cidrs is set");
        }

        if (!IPAddress.TryParse(remoteAddress, out var address) ||
            !role.Token.BoundCidrs.Any(cidr => IPNetwork.TryParse(cidr, out var network) ? network.Contains(address) : cidr == remoteAddress))
        {
            throw RequestException.Denied("login is not allowed from this address (token_bound_cidrs)");
        }
    }
}
