using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// Serves the slice of Vault's HTTP API the writer uses, with Vault's status codes and <c>{"errors":[...]}</c>
/// bodies (checked against Vault 0.10.1).
/// </summary>
internal sealed class FakeVaultHandler(FakeVaultStore store, string token, Func<FakeVaultToken> tokenInfo)
{
    private const string PolicyPrefix = "sys/policies/acl/";
    private readonly byte[] tokenBytes = Encoding.UTF8.GetBytes(token);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fullPath = request.Path.Value ?? "";
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? fullPath;
        var path = fullPath.StartsWith("/v1/", StringComparison.Ordinal) ? fullPath["/v1/".Length..] : null;
        var presented = request.Headers["X-Vault-Token"].ToString();
        var accepted = presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), tokenBytes);

        var fault = store.Record(new RecordedVaultRequest(
            request.Method,
            path ?? fullPath,
            rawTarget,
            request.Headers.TryGetValue("X-Vault-Namespace", out var ns) ? ns.ToString() : null,
            request.Headers["X-Vault-Request"].ToString() == "true",
            accepted));

        if (fault is { Delay.Ticks: > 0 })
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (path is null)
        {
            await Reply(context, 404, Errors());
        }
        else if (presented.Length == 0)
        {
            await Reply(context, 400, Errors("missing client token"));
        }
        else if (!accepted)
        {
            await Reply(context, 403, Errors("permission denied"));
        }
        else if (fault is { Status: > 0 })
        {
            await Reply(context, fault.Status, Errors(fault.Message));
        }
        else if (path == "auth/token/lookup-self")
        {
            await LookupSelf(context);
        }
        else if (path == "auth/token/renew-self")
        {
            await RenewSelf(context);
        }
        else if (path.StartsWith(PolicyPrefix, StringComparison.Ordinal))
        {
            await Policy(context, path[PolicyPrefix.Length..].ToLowerInvariant());
        }
        else
        {
            await GenericObject(context, path);
        }
    }

    private async Task Policy(HttpContext context, string name)
    {
        switch (context.Request.Method)
        {
            case "GET":
                var text = store.GetPolicy(name);
                if (text is null)
                {
                    await Reply(context, 404, Errors());
                }
                else
                {
                    await Reply(context, 200, Envelope(new JsonObject { ["name"] = name, ["policy"] = text }));
                }

                return;
            case "PUT" or "POST":
                if (name == "root")
                {
                    await Reply(context, 400, Errors("cannot update \"root\" policy"));
                    return;
                }
                var body = await ReadObject(context);
                if (body?["policy"] is not JsonValue value || !value.TryGetValue<string>(out var policy) || policy.Length == 0)
                {
                    await Reply(context, 400, Errors("'policy' parameter not supplied or empty"));
                    return;
                }
                store.SetPolicy(name, policy);
                context.Response.StatusCode = 204;
                return;
            case "DELETE":
                if (name is "root" or "default")
                {
                    await Reply(context, 400, Errors(name == "root" ? "cannot delete \"root\" policy" : "cannot delete default policy"));
                    return;
                }
                store.RemovePolicy(name);
                context.Response.StatusCode = 204;
                return;
            default:
                await Reply(context, 405, Errors());
                return;
        }
    }

    private async Task GenericObject(HttpContext context, string path)
    {
        switch (context.Request.Method)
        {
            case "GET":
                var data = store.GetObject(path);
                if (data is null)
                {
                    await Reply(context, 404, Errors());
                }
                else
                {
                    await Reply(context, 200, Envelope(data));
                }

                return;
            case "PUT" or "POST":
                var body = await ReadObject(context);
                if (body is null)
                {
                    await Reply(context, 400, Errors("failed to parse JSON input: body is not a JSON object"));
                    return;
                }
                store.SetObject(path, body);
                context.Response.StatusCode = 204;
                return;
            case "DELETE":
                store.RemoveObject(path);
                context.Response.StatusCode = 204;
                return;
            default:
                await Reply(context, 405, Errors());
                return;
        }
    }

    private async Task LookupSelf(HttpContext context)
    {
        var info = tokenInfo();
        await Reply(context, 200, Envelope(new JsonObject
        {
            ["accessor"] = "fake-accessor",
            ["display_name"] = info.DisplayName,
            ["id"] = token,
            ["path"] = "auth/token/create",
            ["policies"] = new JsonArray(info.Policies.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["renewable"] = info.Renewable,
            ["ttl"] = info.TtlSeconds,
        }));
    }

    private async Task RenewSelf(HttpContext context)
    {
        var info = tokenInfo();
        if (!info.Renewable)
        {
            await Reply(context, 400, Errors("lease not found or lease is not renewable"));
            return;
        }
        store.CountRenewal();
        var reply = Envelope(null);
        reply["auth"] = new JsonObject
        {
            ["client_token"] = token,
            ["accessor"] = "fake-accessor",
            ["policies"] = new JsonArray(info.Policies.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["lease_duration"] = info.TtlSeconds,
            ["renewable"] = true,
        };
        await Reply(context, 200, reply);
    }

    // Vault takes an empty body as "no parameters".
    private static async Task<JsonObject?> ReadObject(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        if (buffer.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Envelope(JsonObject? data) => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = "",
        ["renewable"] = false,
        ["lease_duration"] = 0,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = null,
        ["auth"] = null,
    };

    private static JsonObject Errors(params string[] messages) =>
        new() { ["errors"] = new JsonArray(messages.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()) };

    private static async Task Reply(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
