using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.EndToEnd.Tests.Attacks;

/// <summary>
/// The attack suite as one vault-host scenario: the operator's set-up, the victim's own login, then every attack in
/// order, each a step labelled with the case's name. Cases that need a changed setting come last.
/// </summary>
internal sealed class AttackScenario
{
    public const string VictimRole = "worker";
    private const string IssuePolicy = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""";
    private const string SharedForOurAccount = """{{ if AccountId == "123456789012" }}shared{{ else }}{{ InstanceHash }}{{ end }}""";

    public static readonly string Victim = AttackPeers.InstanceId(1);
    public static readonly string SharedOwner = AttackPeers.InstanceId(36);
    public static readonly string Renewing = AttackPeers.InstanceId(43);

    private readonly AttackPeers _peers;
    private readonly List<JsonObject> _setup = [];

    public AttackScenario(AttackPeers peers)
    {
        _peers = peers;
        Cases = BuildCases();
    }

    public IReadOnlyList<AttackCase> Cases { get; }

    /// <summary>Steps that must succeed for the attacks to mean anything (set-up and the victim's own logins).</summary>
    public IReadOnlyList<JsonObject> Setup => _setup;

    /// <summary>The secrets that must never come back out: in a read, a log line, an error, help or OpenAPI.</summary>
    public static IReadOnlyList<string> Secrets => [AttackPeers.SecretKey, AttackPeers.WriterToken, AttackPeers.VictimNonce];

    public string Text() =>
        string.Join('\n', _ordered.Select(step => step.ToJsonString())) + "\n";

    private readonly List<JsonObject> _ordered = [];

    private void SetUp(string label, string op, string path, JsonObject? data, int? status, JsonObject? expect = null)
    {
        var step = new JsonObject { ["label"] = label, ["op"] = op, ["path"] = path, ["expect"] = expect ?? (status is { } code ? new JsonObject { ["status"] = code } : new JsonObject()) };
        if (data is not null)
        {
            step["data"] = data;
        }

        step["connection"] = new JsonObject { ["remote_addr"] = "10.0.1.23" };
        _setup.Add(step);
        _ordered.Add(step);
    }

    private void Role(string name, JsonObject fields, params (string Name, string Type, string Path, string Template)[] templates)
    {
        SetUp($"role {name}", "update", $"roles/{name}", fields, 204);
        foreach (var template in templates)
        {
            SetUp($"template {name}/{template.Name}", "update", $"templates/{name}/{template.Name}",
                new JsonObject { ["type"] = template.Type, ["path"] = template.Path, ["template"] = template.Template }, 204);
        }
    }

    private static JsonObject Arn(string role, string? extra = null, JsonNode? value = null)
    {
        var fields = new JsonObject { ["iam_role_arn"] = AttackPeers.RoleArn(role), ["base_path"] = "pki/roles" };
        if (extra is not null)
        {
            fields[extra] = value;
        }

        return fields;
    }

    private static JsonObject Login(string pkcs7, string? nonce = null, string? role = null)
    {
        var data = new JsonObject { ["pkcs7"] = pkcs7 };
        if (nonce is not null)
        {
            data["nonce"] = nonce;
        }

        if (role is not null)
        {
            data["role"] = role;
        }

        return data;
    }

    private List<AttackCase> BuildCases()
    {
        var peers = _peers;
        var cases = new List<AttackCase>();
        void Attack(AttackCase attack)
        {
            cases.Add(attack);
            _ordered.Add(attack.ToStep());
        }

        AttackCase Own(string name, int number, JsonObject data, int status, string message) =>
            new(name, "update", "login", data, status, message) { OwnInstance = AttackPeers.InstanceId(number) };

        AttackCase AgainstVictim(string name, JsonObject data, int status, string message) =>
            new(name, "update", "login", data, status, message) { TargetsVictim = true };

        string Id(int number) => AttackPeers.InstanceId(number);

        // The operator's set-up.
        SetUp("configure cloud client", "update", "config/client", new JsonObject
        {
            ["access_key"] = "AKIAIOSFODNN7EXAMPLE",
            ["secret_key"] = AttackPeers.SecretKey,
            ["region"] = AttackPeers.Region,
            ["ec2_endpoint"] = peers.Aws.BaseAddress.ToString(),
            ["iam_endpoint"] = peers.Aws.BaseAddress.ToString(),
            ["max_retries"] = 1,
        }, 204);
        SetUp("configure vault writer", "update", "config/vault", new JsonObject
        {
            ["address"] = peers.Vault.BaseAddress.ToString(),
            ["token"] = AttackPeers.WriterToken,
        }, 200);
        SetUp("register the test CA", "update", "config/certificate/test-ca", new JsonObject
        {
            ["aws_public_cert"] = peers.Ca.DsaCertificatePem,
            ["type"] = "pkcs7",
        }, 204);
        var pkiRole = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false}""";
        Role(VictimRole, Arn("worker", "token_policies", "worker-common"),
            ("pki-role", "generic", "ec2-{{ InstanceHash }}", pkiRole), ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        Role("migrating", Arn("migrating", "allow_instance_migration", true), ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        Role("once", Arn("once", "disallow_reauthentication", true), ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        var bounded = Arn("bounded");
        bounded["bound_account_id"] = AttackPeers.AccountId;
        bounded["bound_region"] = AttackPeers.Region;
        bounded["bound_vpc_id"] = AttackPeers.VpcId;
        bounded["bound_subnet_id"] = AttackPeers.SubnetId;
        bounded["bound_ami_id"] = AttackPeers.ImageId;
        Role("bounded", bounded, ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        var wild = Arn("wild");
        wild["iam_role_arn"] = AttackPeers.RoleArn("app-*");
        Role("wild", wild, ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        Role("tag-hcl", Arn("tag-hcl"), ("team", "policy", "{{ InstanceHash }}", """
            # team {{ Tags.team }}
            path {{ "secret/data/teams/" + Tags["team"] | hcl_string }} { capabilities = ["read"] }
            """));
        Role("tag-hcl-raw", Arn("tag-hcl-raw"), ("team", "policy", "{{ InstanceHash }}",
            """path "secret/data/teams/{{ Tags["team"] }}/*" { capabilities = ["read"] }"""));
        Role("tag-json", Arn("tag-json"), ("team", "generic", "ec2-{{ InstanceHash }}", """{"ou": "{{ Tags["team"] }}", "allow_any_name": false}"""));
        Role("tag-path", Arn("tag-path"), ("env", "generic", "ec2-{{ InstanceHash }}/{{ Tags[\"env\"] }}", """{"allow_any_name": false}"""));
        Role("shared", Arn("shared"), ("issue", "policy", SharedForOurAccount, IssuePolicy));
        Role("cidr", Arn("cidr", "token_bound_cidrs", "10.0.0.0/16"), ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        Role("renewing", Arn("renewing", "token_policies", "keep,drop"), ("issue", "policy", "{{ InstanceHash }}", IssuePolicy));
        Role("rooted", Arn("rooted"), ("issue", "policy", """{{ if AccountId == "123456789012" }}t{{ else }}{{ InstanceHash }}{{ end }}""", IssuePolicy));

        // The instances.
        peers.AddInstance(Victim, "worker");
        peers.AddInstance(Id(2), "worker", state: "terminated");
        peers.AddInstance(Id(3), "worker", state: "stopped");
        foreach (var number in new[] { 5, 6, 7, 8, 9, 10, 11, 28, 29, 40 })
        {
            peers.AddInstance(Id(number), "worker");
        }

        peers.AddInstance(Id(12), "migrating");
        peers.AddInstance(Id(13), "once");
        peers.AddInstance(Id(20), "bounded", account: AttackPeers.OtherAccountId);
        peers.AddInstance(Id(21), "bounded", region: "eu-west-1");
        peers.AddInstance(Id(22), "bounded", vpcId: "vpc-0ffffffffffffffff");
        peers.AddInstance(Id(23), "bounded", subnetId: "subnet-0ffffffffffffffff");
        peers.AddInstance(Id(24), "bounded", imageId: "ami-0ffffffffffffffff");
        peers.AddInstance(Id(25), "intruder");
        peers.AddInstance(Id(26), "app-x", roleAccount: AttackPeers.OtherAccountId);
        peers.AddInstance(Id(27), "app");
        peers.AddInstance(Id(30), "tag-hcl-raw", tags: new Dictionary<string, string> { ["team"] = "x\" { capabilities = [\"sudo\"] }\npath \"sys/*" });
        peers.AddInstance(Id(31), "tag-hcl", tags: new Dictionary<string, string> { ["team"] = "x\npath \"sys/*\" { capabilities = [\"sudo\"] }" });
        peers.AddInstance(Id(32), "tag-json", tags: new Dictionary<string, string> { ["team"] = "x\", \"allow_any_name\": true, \"y\": \"" });
        peers.AddInstance(Id(33), "tag-path", tags: new Dictionary<string, string> { ["env"] = "../../../sys/policies/acl/admin" });
        peers.AddInstance(Id(34), "tag-hcl", tags: new Dictionary<string, string> { ["team"] = "+" });
        peers.AddInstance(Id(35), "tag-hcl", tags: new Dictionary<string, string> { ["team"] = "payments/*" });
        peers.AddInstance(Id(44), "tag-hcl", tags: new Dictionary<string, string> { ["team"] = "a/b" });
        peers.AddInstance(SharedOwner, "shared");
        peers.AddInstance(Id(37), "shared");
        peers.AddInstance(Id(38), "cidr");
        peers.AddInstance(Id(39), "cidr");
        peers.AddInstance(Renewing, "renewing");
        peers.AddInstance(Id(41), "rooted");

        // The victim's own first login, and the instances the migration and reauthentication attacks need.
        var victimDocument = peers.Pkcs7For(Victim, minutesAfterLaunch: 10);
        SetUp("victim logs in", "update", "login", Login(victimDocument, AttackPeers.VictimNonce), 200);
        SetUp("migrating instance logs in", "update", "login", Login(peers.Pkcs7For(Id(12), minutesAfterLaunch: 10), "migrating-nonce"), 200);
        SetUp("once instance logs in", "update", "login", Login(peers.Pkcs7For(Id(13)), "once-nonce"), 200);
        SetUp("shared policy's first instance logs in", "update", "login", Login(peers.Pkcs7For(SharedOwner)), 200);

        // Forged and untrusted documents.
        Attack(Own("forged_signature", 5, Login(peers.Pkcs7For(Id(5), options: new Pkcs7Options { CorruptSignature = true })), 400, "signature does not verify"));
        Attack(Own("untrusted_certificate", 6, Login(peers.Pkcs7For(Id(6), signer: peers.Untrusted)), 400, "signed by an unknown certificate"));
        Attack(Own("signing_time_before_certificate_validity", 7, Login(peers.Pkcs7For(Id(7), options: new Pkcs7Options { SigningTime = new DateTimeOffset(2011, 6, 1, 0, 0, 0, TimeSpan.Zero) })), 400, "signing time outside"));
        Attack(Own("signing_time_after_certificate_validity", 8, Login(peers.Pkcs7For(Id(8), options: new Pkcs7Options { SigningTime = new DateTimeOffset(2039, 6, 1, 0, 0, 0, TimeSpan.Zero) })), 400, "signing time outside"));
        Attack(Own("content_swapped_under_a_valid_signature", 9, Login(peers.Pkcs7For(Id(9), options: new Pkcs7Options { MessageDigestOverride = new byte[20] })), 400, "message digest does not match"));
        Attack(Own("untrusted_certificate_embedded_in_the_document", 10, Login(peers.Pkcs7For(Id(10), signer: peers.Untrusted, options: new Pkcs7Options { EmbedCertificate = true })), 400, "signed by an unknown certificate"));
        var (identity, _) = peers.Ca.SignRaw(TestIdentityCa.BuildDocument(Id(11), pendingTime: peers.Launched.AddMinutes(5)));
        var (_, otherSignature) = peers.Ca.SignRaw(TestIdentityCa.BuildDocument(Id(5), pendingTime: peers.Launched.AddMinutes(5)));
        Attack(Own("identity_with_another_documents_signature", 11, new JsonObject { ["identity"] = identity, ["signature"] = otherSignature }, 400, "signature does not verify"));
        Attack(new AttackCase("malformed_pem_armour", "update", "login", Login("-----BEGIN PKCS7-----END PKCS7-----"), 400, "no END line"));

        // Replay and nonces.
        Attack(AgainstVictim("replay_without_nonce", Login(victimDocument), 403, "client nonce mismatch"));
        Attack(AgainstVictim("replay_with_wrong_nonce", Login(victimDocument, "not-the-nonce"), 403, "client nonce mismatch"));
        for (var guess = 1; guess <= 5; guess++)
        {
            Attack(AgainstVictim($"nonce_guess_{guess}", Login(victimDocument, $"victim-nonce-{guess:x12}"), 403, "client nonce mismatch"));
        }

        Attack(AgainstVictim("pending_time_moved_back_with_the_right_nonce", Login(peers.Pkcs7For(Victim, minutesAfterLaunch: 5), AttackPeers.VictimNonce), 403, "older than the one this instance last logged in with"));
        Attack(AgainstVictim("newer_document_with_another_nonce_without_allow_instance_migration", Login(peers.Pkcs7For(Victim, minutesAfterLaunch: 20), "takeover"), 403, "client nonce mismatch"));
        Attack(new AttackCase("pending_time_moved_back_with_allow_instance_migration", "update", "login", Login(peers.Pkcs7For(Id(12), minutesAfterLaunch: 5), "takeover"), 403, "older than the one this instance last logged in with"));
        Attack(new AttackCase("same_document_with_another_nonce_with_allow_instance_migration", "update", "login", Login(peers.Pkcs7For(Id(12), minutesAfterLaunch: 10), "takeover"), 403, "client nonce mismatch"));
        Attack(new AttackCase("reauthentication_when_disallowed", "update", "login", Login(peers.Pkcs7For(Id(13)), "once-nonce"), 403, "reauthentication is disabled"));

        // Instances that may not log in.
        Attack(Own("terminated_instance", 2, Login(peers.Pkcs7For(Id(2))), 403, "is terminated, not running"));
        Attack(Own("stopped_instance", 3, Login(peers.Pkcs7For(Id(3))), 403, "is stopped, not running"));
        Attack(Own("unknown_instance", 4, Login(peers.Pkcs7For(Id(4))), 403, "instance not found"));
        Attack(Own("bound_account_id_mismatch", 20, Login(peers.Pkcs7For(Id(20), account: AttackPeers.OtherAccountId)), 403, "bound_account_id"));
        Attack(Own("bound_region_mismatch", 21, Login(peers.Pkcs7For(Id(21), region: "eu-west-1")), 403, "bound_region"));
        Attack(Own("bound_vpc_id_mismatch", 22, Login(peers.Pkcs7For(Id(22))), 403, "bound_vpc_id"));
        Attack(Own("bound_subnet_id_mismatch", 23, Login(peers.Pkcs7For(Id(23))), 403, "bound_subnet_id"));
        Attack(Own("bound_ami_id_mismatch", 24, Login(peers.Pkcs7For(Id(24), imageId: "ami-0ffffffffffffffff")), 403, "bound_ami_id"));
        Attack(Own("iam_role_arn_mismatch", 25, Login(peers.Pkcs7For(Id(25))), 403, "no role is bound to the instance's IAM role ARN"));
        Attack(Own("wildcard_arn_from_another_account", 26, Login(peers.Pkcs7For(Id(26))), 403, "no role is bound to the instance's IAM role ARN"));
        Attack(Own("wildcard_arn_prefix_without_its_separator", 27, Login(peers.Pkcs7For(Id(27))), 403, "no role is bound to the instance's IAM role ARN"));
        Attack(Own("client_named_role_the_instance_is_not_bound_to", 28, Login(peers.Pkcs7For(Id(28)), role: "migrating"), 403, "not bound to role migrating"));
        Attack(Own("client_named_role_that_does_not_exist", 29, Login(peers.Pkcs7For(Id(29)), role: "admin"), 403, "role admin does not exist"));

        // Instance-controlled values against what is written.
        Attack(Own("tag_injection_into_hcl", 30, Login(peers.Pkcs7For(Id(30))), 403, "outside AWS's tag character set"));
        Attack(Own("tag_injection_into_hcl_through_hcl_string", 31, Login(peers.Pkcs7For(Id(31))), 403, "outside AWS's tag character set"));
        Attack(Own("tag_injection_into_json", 32, Login(peers.Pkcs7For(Id(32))), 403, "outside AWS's tag character set"));
        Attack(Own("tag_steering_a_path_out_of_base_path", 33, Login(peers.Pkcs7For(Id(33))), 403, "rendered path leaves base_path"));
        Attack(Own("tag_glob_plus_in_a_policy_path", 34, Login(peers.Pkcs7For(Id(34))), 403, "into a policy path"));
        Attack(Own("tag_glob_star_in_a_policy_path", 35, Login(peers.Pkcs7For(Id(35))), 403, "outside AWS's tag character set"));
        Attack(Own("tag_slash_in_a_policy_path", 44, Login(peers.Pkcs7For(Id(44))), 403, "into a policy path"));
        Attack(Own("policy_name_another_instance_owns", 37, Login(peers.Pkcs7For(Id(37))), 403, "already belongs to another instance"));
        Attack(new AttackCase("template_path_leaving_base_path", "update", "templates/worker/escape",
            new JsonObject { ["type"] = "generic", ["path"] = "../../sys/policies/acl/x", ["template"] = "{}" }, 400, "leaves base_path"));
        // A leading '/' is relative to base_path (issue 19), so the escape must climb out of it explicitly.
        Attack(new AttackCase("template_path_that_is_absolute", "update", "templates/worker/absolute",
            new JsonObject { ["type"] = "generic", ["path"] = "/../../sys/mounts/{{ InstanceHash }}", ["template"] = "{}" }, 400, "leaves base_path"));
        Attack(new AttackCase("policy_prefix_root", "update", "config/vault", new JsonObject { ["policy_prefix"] = "root" }, 400, "policy_prefix"));
        Attack(new AttackCase("policy_prefix_default", "update", "config/vault", new JsonObject { ["policy_prefix"] = "default" }, 400, "policy_prefix"));

        // Bound CIDRs.
        Attack(Own("bound_cidrs_without_a_remote_address", 38, Login(peers.Pkcs7For(Id(38))), 403, "without a remote address") with { RemoteAddress = null });
        Attack(Own("bound_cidrs_from_outside", 39, Login(peers.Pkcs7For(Id(39))), 403, "token_bound_cidrs") with { RemoteAddress = "192.168.9.9" });

        // Hostile input.
        Attack(new AttackCase("oversize_pkcs7", "update", "login", Login(new string('A', 70_000)), 400, "pkcs7"));
        Attack(new AttackCase("oversize_nonce", "update", "login", Login(victimDocument, new string('n', 1_000_000)), 400, "nonce"));
        Attack(new AttackCase("deeply_nested_pkcs7", "update", "login", new JsonObject { ["pkcs7"] = Nested(200) }, 400, "request data is not valid JSON"));
        Attack(AgainstVictim("unknown_fields_do_not_steer_the_login", new JsonObject
        {
            ["pkcs7"] = victimDocument,
            ["nonce"] = "not-the-nonce",
            ["instance_id"] = Id(28),
            ["policies"] = "root",
            ["token_policies"] = "root",
        }, 403, "client nonce mismatch"));
        Attack(AgainstVictim("pkcs7_given_as_a_list", new JsonObject { ["pkcs7"] = new JsonArray(victimDocument), ["nonce"] = AttackPeers.VictimNonce }, 400, "field pkcs7"));
        Attack(AgainstVictim("nonce_given_as_an_object", new JsonObject { ["pkcs7"] = victimDocument, ["nonce"] = new JsonObject { ["a"] = 1 } }, 400, "field nonce"));
        Attack(AgainstVictim("role_given_as_a_list", new JsonObject { ["pkcs7"] = victimDocument, ["nonce"] = AttackPeers.VictimNonce, ["role"] = new JsonArray("worker") }, 400, "field role"));

        // The writer's token.
        Attack(new AttackCase("revoked_writer_token_at_configuration", "update", "config/vault",
            new JsonObject { ["address"] = peers.Vault.BaseAddress.ToString(), ["token"] = "hvs.revoked-token" }, 400, "could not be looked up"));
        Attack(new AttackCase("writer_token_sent_to_a_new_address", "update", "config/vault",
            new JsonObject { ["address"] = "http://127.0.0.1:9/" }, 400, "token must be given again"));
        Attack(new AttackCase("aws_keys_sent_to_a_new_endpoint", "update", "config/client",
            new JsonObject { ["ec2_endpoint"] = "http://127.0.0.1:9/" }, 400, "access_key and secret_key must be given again"));
        Attack(Own("writer_token_refused_by_vault_at_login", 40, Login(peers.Pkcs7For(Id(40))), 502, "lacks permission"));

        // Renewal after a policy left the role.
        SetUp("renewing instance logs in", "update", "login", Login(peers.Pkcs7For(Renewing), "renewing-nonce"), 200);
        SetUp("operator removes a policy from the role", "update", "roles/renewing", new JsonObject { ["token_policies"] = "keep" }, 204);
        // A refused renewal is a 400 carrying its reason: Vault 0.10.1 turns a plugin's 403 into a bare "permission denied".
        Attack(new AttackCase("renewal_keeping_a_removed_policy", "renew", "login", null, 400, "policies have changed"));

        // Secrets never in a read, help or OpenAPI (the whole output and the plugin's log are searched afterwards).
        SetUp("read config/client", "read", "config/client", null, 200, new JsonObject { ["status"] = 200, ["data"] = new JsonObject { ["secret_key_set"] = true } });
        SetUp("read config/vault", "read", "config/vault", null, 200, new JsonObject { ["status"] = 200, ["data"] = new JsonObject { ["token_set"] = true } });
        foreach (var path in new[] { "", "login", "config/client", "config/vault" })
        {
            SetUp($"help {path}", "help", path, null, null);
        }

        // A policy prefix changed after the template was validated: the rendered name is checked again at login.
        SetUp("operator shortens the policy prefix", "update", "config/vault", new JsonObject { ["policy_prefix"] = "roo" }, 200);
        Attack(Own("rendered_policy_name_root", 41, Login(peers.Pkcs7For(Id(41))), 403, "must not be root"));
        SetUp("operator changes the policy prefix again", "update", "config/vault", new JsonObject { ["policy_prefix"] = "defaul" }, 200);
        Attack(Own("rendered_policy_name_default", 41, Login(peers.Pkcs7For(Id(41))), 403, "must not be default"));
        return cases;
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = "x";
        for (var level = 0; level < depth; level++)
        {
            node = new JsonArray(node);
        }

        return node;
    }
}
