namespace Reconciler.Testing.Faults;

/// <summary>
/// An identified request: which operation it calls and, when the request names one, the resource it acts on
/// (function name, "restApiId/stage", alarm or dashboard name, resource or topic ARN). The target lets a test count
/// how many times one write reached the server.
/// </summary>
public sealed record AwsCall(AwsOperation Operation, string? Target)
{
    /// <summary>A request this layer cannot name.</summary>
    public static AwsCall Unknown { get; } = new(AwsOperation.Unknown, null);
}
