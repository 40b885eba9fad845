using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Kinds.FunctionLogging;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionConfiguration;

/// <summary>
/// The one write both function kinds share: UpdateFunctionConfiguration, with TracingConfig (function tracing), with
/// LoggingConfig (function logging), or with both when one function drifted in both, so that it costs one call and one
/// token of Lambda's write quota. Both kinds are declared with this same writer, which the applier reads as "one
/// stream", and <see cref="WriteTogetherKey"/> (the function) as "one call".
/// </summary>
internal sealed class FunctionConfigurationWriter : KindWriter
{
    /// <summary>The AWS managed policy that lets a function's role write traces.</summary>
    public const string XRayWritePolicy = "AWSXRayDaemonWriteAccess";

    /// <summary>The writer both function kinds are declared with.</summary>
    public static FunctionConfigurationWriter Shared { get; } = new();

    /// <inheritdoc />
    public override Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken) =>
        WriteTogetherAsync([change], aws, cancellationToken);

    /// <inheritdoc />
    public override string? WriteTogetherKey(PlannedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return FunctionName(change);
    }

    /// <inheritdoc />
    public override async Task<string?> WriteTogetherAsync(IReadOnlyList<PlannedChange> changes, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(aws);
        var tracing = changes.Select(change => change.Payload).OfType<SetFunctionTracing>().SingleOrDefault();
        var logging = changes.Select(change => change.Payload).OfType<SetFunctionLogging>().SingleOrDefault();
        var functionName = FunctionName(changes[0]);
        await aws.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(functionName, tracing is null ? null : TracingModeName(tracing.Mode))
            {
                LoggingConfig = logging is null
                    ? null
                    : new LambdaLoggingConfig(logging.LogFormat, logging.ApplicationLogLevel, logging.SystemLogLevel, LogGroup: null),
            },
            cancellationToken);
        return null;
    }

    /// <inheritdoc />
    public override string Refused(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(error);
        return change.Payload is SetFunctionTracing tracing && IsMissingTracePermission(error)
            ? $"the execution role of function {tracing.FunctionName} may not write traces, so Lambda refused "
                + $"TracingConfig.Mode={tracing.Mode} ({error.ErrorCode}: {error.ErrorMessage}). Attach the AWS managed "
                + $"policy {XRayWritePolicy} (arn:{PartitionOf(change.ResourceArn)}:iam::aws:policy/{XRayWritePolicy}) to the function's execution "
                + "role; the next run retries."
            : error.ErrorMessage;
    }

    /// <inheritdoc />
    public override string Busy(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"an update is in progress for function {FunctionName(change)} ({error.ErrorCode}: {error.ErrorMessage}); the next run retries";
    }

    private static string TracingModeName(LambdaTracingMode mode) => mode == LambdaTracingMode.Active ? "Active" : "PassThrough";

    // The managed policy's ARN is in the function's partition (aws, aws-cn, aws-us-gov).
    private static string PartitionOf(string? functionArn) =>
        functionArn is not null && RegionFidelity.TryParseArn(functionArn, out var partition, out _) ? partition : "aws";

    // The two kinds plan only these payloads; anything else is a planning bug, never a write to guess at.
    private static string FunctionName(PlannedChange change) => change.Payload switch
    {
        SetFunctionTracing tracing => tracing.FunctionName,
        SetFunctionLogging logging => logging.FunctionName,
        _ => throw new InvalidOperationException($"a {change.Kind} change carries {change.Payload.GetType().Name}, which UpdateFunctionConfiguration does not write"),
    };

    private static bool IsMissingTracePermission(AwsServiceException error) =>
        error.ErrorCode == "InvalidParameterValueException"
        && (error.ErrorMessage.Contains("PutTraceSegments", StringComparison.OrdinalIgnoreCase)
            || error.ErrorMessage.Contains("XRAY", StringComparison.Ordinal));
}
