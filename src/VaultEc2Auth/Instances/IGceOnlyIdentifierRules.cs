namespace VaultEc2Auth.Instances;

/// <summary>
/// The identifiers only GCE instances have (instance name, service account, labels), owned by the GCE adapter like
/// the rest of its <see cref="IInstanceIdentifierRules"/>. The template layer offers them only for instances whose
/// provider's rules have them; an EC2 instance that a template asks for <c>InstanceName</c> does not have one.
/// </summary>
public interface IGceOnlyIdentifierRules
{
    /// <summary>An RFC 1035 label such as <c>web-1</c>.</summary>
    bool IsInstanceName(string value);

    /// <summary><c>name@project.iam.gserviceaccount.com</c>.</summary>
    bool IsServiceAccountEmail(string value);

    bool IsLabelKey(string value);

    bool IsLabelValue(string value);
}
