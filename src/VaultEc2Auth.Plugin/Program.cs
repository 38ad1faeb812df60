using System.Reflection;
using VaultEc2Auth;
using VaultEc2Auth.Plugin;
using VaultPlugin.Sdk.GoPlugin;

// Composition root: the only place that knows every adapter (see PluginComposition).
var informational = typeof(Ec2AuthBackend).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
var options = new PluginOptions(
    Name: "vault-plugin-auth-ec2-instance",
    Version: "v" + informational,
    SpecialPaths: Ec2AuthBackend.SpecialPaths,
    BackendFactory: environment => new PluginComposition(environment));

return await PluginServer.RunAsync(args, options).ConfigureAwait(false);
