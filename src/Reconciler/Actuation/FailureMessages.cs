using System.Text.RegularExpressions;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Actuation;

/// <summary>
/// What a person reads about a refused write: the cause in AWS's words and the remedy, for the refusals that have a
/// known one; AWS's own message otherwise.
/// </summary>
internal static partial class FailureMessages
{
    /// <summary>The AWS managed policy that lets a function's role write traces.</summary>
    public const string XRayWritePolicy = "AWSXRayDaemonWriteAccess";

    /// <summary>The message of a change that AWS refused for this resource only.</summary>
    public static string Refused(PlannedChange change, AwsServiceException error)
    {
        if (change.Payload is SetFunctionTracing tracing && IsMissingTracePermission(error))
        {
            return $"the execution role of function {tracing.FunctionName} may not write traces, so Lambda refused "
                + $"TracingConfig.Mode={tracing.Mode} ({error.ErrorCode}: {error.ErrorMessage}). Attach the AWS managed "
                + $"policy {XRayWritePolicy} (arn:aws:iam::aws:policy/{XRayWritePolicy}) to the function's execution "
                + "role; the next run retries.";
        }

        if (change.Payload is DeleteAlarm delete && BlockedByComposite(error).Contains(delete.AlarmName))
        {
            return BlockedDelete(delete.AlarmName, error);
        }

        return error.ErrorMessage;
    }

    /// <summary>The message of a change left pending because its resource is busy.</summary>
    public static string Busy(PlannedChange change, AwsServiceException error) => change.Payload switch
    {
        SetFunctionTracing tracing =>
            $"an update is in progress for function {tracing.FunctionName} ({error.ErrorCode}: {error.ErrorMessage}); the next run retries",
        _ => $"{change.Target} is being changed by someone else ({error.ErrorCode}: {error.ErrorMessage}); the next run retries",
    };

    /// <summary>
    /// The alarm names a DeleteAlarms refusal says composite alarms depend on ("Cannot delete a,b as there are
    /// composite alarm(s) depending on them."); empty when the error is not that refusal. AWS names the blocked
    /// alarms, not the composites.
    /// </summary>
    public static IReadOnlySet<string> BlockedByComposite(AwsServiceException error)
    {
        var match = CompositeDependency().Match(error.ErrorMessage);
        return match.Success
            ? match.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The message of an alarm that a composite alarm keeps from being deleted.</summary>
    public static string BlockedDelete(string alarmName, AwsServiceException error) =>
        $"CloudWatch will not delete {alarmName}: a composite alarm's rule depends on it ({error.ErrorCode}: {error.ErrorMessage}). "
        + $"Find the composite with 'aws cloudwatch describe-alarms --alarm-types CompositeAlarm --parents-of-alarm-name {alarmName}', "
        + "take this alarm out of its AlarmRule or delete the composite; the next run deletes it.";

    private static bool IsMissingTracePermission(AwsServiceException error) =>
        error.ErrorCode == "InvalidParameterValueException"
        && (error.ErrorMessage.Contains("PutTraceSegments", StringComparison.OrdinalIgnoreCase)
            || error.ErrorMessage.Contains("XRAY", StringComparison.Ordinal));

    [GeneratedRegex(@"^Cannot delete (?<names>.+?) as there are composite alarm\(s\) depending on (it|them)\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CompositeDependency();
}
