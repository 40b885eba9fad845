namespace Reconciler.Hosting.Lambda;

/// <summary>What GET /runtime/invocation/next returned: the event and its headers.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the invocation.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id, if any.</param>
/// <param name="FunctionArn">Lambda-Runtime-Invoked-Function-Arn, if any.</param>
/// <param name="Body">The event JSON.</param>
internal sealed record NextInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    string? FunctionArn,
    string Body);
