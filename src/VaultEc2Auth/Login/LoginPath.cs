using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Login;

/// <summary><c>login</c> (unauthenticated) and its renewal.</summary>
public static class LoginPath
{
    public static PathDefinition Definition(LoginHandler login) => new()
    {
        Pattern = new PathPattern("login"),
        Fields = new Dictionary<string, FieldSchema>(LoginInput.Schema()),
        Operations = new Dictionary<string, PathOperation>
        {
            [Operations.Update] = new(login.LoginAsync, "Log in with an EC2 instance identity document."),
            [Operations.ResolveRole] = new(login.ResolveRoleAsync, "Tell which role a login with this document would use, without logging in."),
        },
        HelpSynopsis = "Log in as an EC2 instance and receive a token carrying the instance's own policy.",
        HelpDescription = """
            Send the instance's signed identity document: pkcs7 (the body of /pkcs7 or /rsa2048 from the instance
            metadata service), or identity and signature. The plugin verifies AWS's signature, checks the instance
            with EC2 and IAM, matches its IAM role ARN to a role, writes the policy and objects rendered from that
            role's templates for this instance into Vault, and returns a token with that policy plus the role's
            token_policies. Keep the nonce returned in the auth metadata: later logins must present it.
            Vault's resolve-role operation on this path (used for role-based rate-limit quotas) answers
            {"role": "<name>"} for the same fields after the same checks up to the role match, and writes nothing.
            """,
    };
}
