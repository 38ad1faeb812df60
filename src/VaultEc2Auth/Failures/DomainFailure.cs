namespace VaultEc2Auth.Failures;

/// <summary>
/// Why a request cannot be served, as a fact: adapters and domain code throw these and never choose an HTTP status;
/// <see cref="FailureStatuses"/> at the edge does. <see cref="Exception.Message"/> is safe for any caller: never a
/// secret, a token, an internal URL or a stack trace.
/// </summary>
public abstract class DomainFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The caller's input is malformed or out of bounds (a field, a document, a template).</summary>
public sealed class InvalidInput(string message) : DomainFailure(message);

/// <summary>The input is well-formed but the caller may not have what it asked for (instance not found, not running, bounds).</summary>
public sealed class Refused(string message) : DomainFailure(message);
