namespace VaultEc2Auth.Login;

/// <summary>
/// The login's <c>nonce</c> as Vault's EC2 method reads it: absent (a nonce is generated and returned), empty
/// (this instance may never log in again), or a client-chosen value of at most 128 characters.
/// </summary>
public readonly record struct NonceInput(bool Present, string Value)
{
    public const int MaxLength = 128;

    public static NonceInput Absent => new(false, "");

    public bool IsEmpty => Present && Value.Length == 0;
}
