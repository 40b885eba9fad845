using Reconciler.Aws;
using Reconciler.Discovery;

namespace Reconciler.Reporting;

/// <summary>
/// A step of the run that failed outside any single change, e.g. discovery of one policy's scope. Collected by the
/// reconciliation loop and shown in the report with the AWS error code.
/// </summary>
/// <param name="PolicyName">The policy it concerns, or null when it concerns the whole run.</param>
/// <param name="Step">The step that failed: "discovery", "observation", "identity", …</param>
internal sealed record RunError(
    string? PolicyName,
    string Step,
    string Message,
    string? Service = null,
    string? Operation = null,
    string? ErrorCode = null)
{
    /// <summary>
    /// One line for people that always names the AWS call when there was one: "sts GetCallerIdentity failed with
    /// ExpiredToken: The security token included in the request is expired".
    /// </summary>
    public string Summary =>
        Operation is null || Message.Contains(Operation, StringComparison.Ordinal)
            ? Message
            : $"{Service} {Operation} failed{(ErrorCode is null ? string.Empty : $" with {ErrorCode}")}: {Message}";

    /// <summary>A run error for a read that failed, with what AWS said about it.</summary>
    internal static RunError FromObservation(string? policyName, string step, ObservationFailure failure) =>
        new(policyName, step, failure.Message, failure.Service, failure.Operation, failure.ErrorCode);

    /// <summary>A run error carrying the service, operation and error code of a refused AWS call.</summary>
    public static RunError FromAws(string? policyName, string step, AwsServiceException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new RunError(policyName, step, exception.ErrorMessage, exception.Service, exception.Operation, exception.ErrorCode);
    }
}
