using VaultEc2Auth.Identity;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth.Login;

/// <summary>
/// <c>renew</c> on the login path: the instance must still run, its role must still exist, still match it and still
/// be the role it last logged in with, and its generated objects must exist (they are written again if someone
/// deleted them). Unlike Vault's EC2 method, bounds and the IAM role are checked again, not only the instance state.
/// </summary>
public sealed class RenewalHandler(LoginParts parts, HclogWriter log)
{
    private readonly OutcomeLog _outcomes = new(log, "renewal");

    public async Task<LogicalResponse?> RenewAsync(RequestContext context, FieldData fields)
    {
        var (instanceId, roleName) = ((string?)null, (string?)null);
        try
        {
            var auth = context.Request.Auth ?? throw RequestException.BadRequest("renew request without auth");
            var (document, role, issuedPolicies) = TokenAuth.ReadInternalData(auth.InternalData);
            (instanceId, roleName) = (document.InstanceId, role);
            return await RenewAsync(context, auth, document, role, issuedPolicies).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _outcomes.Failed("renewal", instanceId, roleName, failure);
            throw;
        }
    }

    private async Task<LogicalResponse?> RenewAsync(
        RequestContext context, AuthData auth, VerifiedDocument document, string roleName, IReadOnlyList<string> issuedPolicies)
    {
        var (storage, cancellationToken) = (context.Storage, context.CancellationToken);

        using var instanceLock = await parts.Locks.AcquireAsync(document.InstanceId, cancellationToken).ConfigureAwait(false);
        var instance = await parts.DescribeAsync(storage, document, cancellationToken).ConfigureAwait(false);
        LoginHandler.RequireRunning(instance);

        var role = await parts.Roles.GetAsync(storage, roleName, cancellationToken).ConfigureAwait(false)
                   ?? throw RequestException.Denied($"role {roleName} no longer exists");
        parts.Matcher.Match(instance, [role], role.Name);
        RequirePoliciesKept(issuedPolicies, role);

        var entry = await parts.AccessList.GetAsync(storage, document.InstanceId, cancellationToken).ConfigureAwait(false)
                    ?? throw RequestException.Denied("the instance has no access-list entry: log in again");

        // The instance's objects now belong to the role it last logged in with; renewing an older token would
        // re-render its former role's templates over them.
        if (entry.Role != role.Name)
        {
            throw RequestException.Denied($"the instance has logged in with role {entry.Role} since this token was issued for role {role.Name}");
        }

        // An operator's DELETE instances/<id> (or the tidy) disarmed this token on purpose: renewal must not write it
        // all back without the instance proving itself again.
        if (!await parts.Materializer.HasRecordAsync(storage, document.InstanceId, cancellationToken).ConfigureAwait(false))
        {
            throw RequestException.Denied("the instance's objects were removed (tidy or instances/ delete): log in again");
        }

        await parts.Materializer.ApplyAsync(storage, InstanceVariables.For(instance, role, parts.IdentifierRules, document.ServiceAccountEmail), role, checkUnchangedInVault: true, cancellationToken).ConfigureAwait(false);
        var now = parts.Clock.GetUtcNow();
        var lifetime = await AccessList.LifetimeAsync(context.SystemView, role, cancellationToken).ConfigureAwait(false);
        await parts.AccessList.StoreAsync(storage, document.InstanceId, entry with { LastUpdatedTime = now, ExpirationTime = now + lifetime }, cancellationToken).ConfigureAwait(false);

        return LogicalResponse.WithAuth(auth with
        {
            Ttl = TimeSpan.FromSeconds(role.Token.TtlSeconds),
            MaxTtl = TimeSpan.FromSeconds(role.Token.MaxTtlSeconds),
            Period = TimeSpan.FromSeconds(role.Token.PeriodSeconds),
        });
    }

    /// <summary>
    /// Renewal cannot change a token's policies, so a token that carries a policy its role no longer grants must not
    /// live on (approle answers the same way); the instance logs in again and gets the role's current policies.
    /// </summary>
    private static void RequirePoliciesKept(IReadOnlyList<string> issuedPolicies, Roles.RoleEntry role)
    {
        if (issuedPolicies.Any(policy => !role.Token.Policies.Contains(policy, StringComparer.Ordinal)))
        {
            throw RequestException.Denied("policies have changed, not renewing: log in again");
        }
    }
}
