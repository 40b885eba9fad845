using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionTracing;

/// <summary>Sets TracingConfig.Mode with UpdateFunctionConfiguration.</summary>
internal sealed class FunctionTracingWriter : KindWriter
{
    /// <summary>The AWS managed policy that lets a function's role write traces.</summary>
    public const string XRayWritePolicy = "AWSXRayDaemonWriteAccess";

    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        var tracing = Payload(change);
        await aws.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(tracing.FunctionName, tracing.Mode == LambdaTracingMode.Active ? "Active" : "PassThrough"),
            cancellationToken);
        return null;
    }

    /// <inheritdoc />
    public override string Refused(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var tracing = Payload(change);
        return IsMissingTracePermission(error)
            ? $"the execution role of function {tracing.FunctionName} may not write traces, so Lambda refused "
                + $"TracingConfig.Mode={tracing.Mode} ({error.ErrorCode}: {error.ErrorMessage}). Attach the AWS managed "
                + $"policy {XRayWritePolicy} (arn:{PartitionOf(change.ResourceArn)}:iam::aws:policy/{XRayWritePolicy}) to the function's execution "
                + "role; the next run retries."
            : error.ErrorMessage;
    }

    // The managed policy's ARN is in the function's partition (aws, aws-cn, aws-us-gov).
    private static string PartitionOf(string? functionArn) =>
        functionArn is not null && RegionFidelity.TryParseArn(functionArn, out var partition, out _) ? partition : "aws";

    /// <inheritdoc />
    public override string Busy(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"an update is in progress for function {Payload(change).FunctionName} ({error.ErrorCode}: {error.ErrorMessage}); the next run retries";
    }

    // The kind plans only this payload; anything else is a planning bug, never a write to guess at.
    private static SetFunctionTracing Payload(PlannedChange change) =>
        change.Payload as SetFunctionTracing
        ?? throw new InvalidOperationException($"a {ChangeKind.FunctionTracing} change carries {change.Payload.GetType().Name}");

    private static bool IsMissingTracePermission(AwsServiceException error) =>
        error.ErrorCode == "InvalidParameterValueException"
        && (error.ErrorMessage.Contains("PutTraceSegments", StringComparison.OrdinalIgnoreCase)
            || error.ErrorMessage.Contains("XRAY", StringComparison.Ordinal));
}
