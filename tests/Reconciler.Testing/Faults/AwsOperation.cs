using System.Collections.Frozen;

namespace Reconciler.Testing.Faults;

/// <summary>
/// One AWS API operation as seen on the wire: the SigV4 signing name of its service ("lambda", "apigateway",
/// "monitoring", "sns", "sts", "tagging", "logs") and the operation name as in the API reference ("PutMetricAlarm").
/// </summary>
public sealed record AwsOperation(string Service, string Name)
{
    /// <summary>A request this layer cannot name; it is passed through untouched and counted under "unknown".</summary>
    public static AwsOperation Unknown { get; } = new("unknown", "unknown");

    // The operations that change state in AWS. Faults can be limited to these, and "nothing applied twice" is
    // asserted over them, so the list errs on the side of naming every mutating call this project might make.
    private static readonly FrozenSet<string> WriteOperationNames = FrozenSet.ToFrozenSet(
    [
        "UpdateFunctionConfiguration", "TagResource", "UntagResource",
        "UpdateStage",
        "PutMetricAlarm", "DeleteAlarms", "SetAlarmState", "PutDashboard", "DeleteDashboards",
        "Publish",
        "CreateLogGroup", "PutRetentionPolicy",
    ], StringComparer.Ordinal);

    /// <summary>True when the operation changes state in AWS (the calls idempotence is about).</summary>
    public bool IsWrite => WriteOperationNames.Contains(Name);

    /// <summary>"service:Operation", the form used in logs and in <see cref="FaultInjectionOptions.OnlyOperations"/>.</summary>
    public override string ToString() => $"{Service}:{Name}";
}
