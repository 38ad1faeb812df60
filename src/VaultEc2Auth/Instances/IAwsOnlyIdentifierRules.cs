namespace VaultEc2Auth.Instances;

/// <summary>
/// The identifiers only EC2 instances have (image, instance type, IAM role), owned by the AWS adapter like the rest
/// of its <see cref="IInstanceIdentifierRules"/>. The template layer offers them only for instances whose provider's
/// rules have them; a GCE instance that a template asks for <c>ImageId</c> does not have one.
/// </summary>
public interface IAwsOnlyIdentifierRules
{
    /// <summary><c>ami-…</c>.</summary>
    bool IsImageId(string value);

    /// <summary><c>t3.micro</c>, <c>m5.large</c>.</summary>
    bool IsInstanceType(string value);

    /// <summary><c>arn:aws:iam::123456789012:role/path/name</c>, in a partition this plugin reaches.</summary>
    bool IsIamRoleArn(string value);

    /// <summary>The last segment of an IAM role ARN.</summary>
    bool IsIamRoleName(string value);
}
