using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// Runs one reconcile for one Lambda invocation. The host calls it once per event and posts what it returns.
/// <paramref name="cancellationToken"/> is cancelled on shutdown (SIGTERM) and shortly before Lambda's own timeout;
/// the handler should stop starting writes at <see cref="ReconcileInvocation.Deadline"/>, well before either.
/// </summary>
internal delegate Task<InvocationResult> InvocationHandler(ReconcileInvocation invocation, CancellationToken cancellationToken);

/// <summary>One invocation, parsed and ready to run.</summary>
/// <param name="RequestId">Lambda's request id; also the run id on every log line and metric.</param>
/// <param name="Deadline">When the run must stop starting new writes: Lambda's deadline minus a safety margin that
/// leaves time to report.</param>
/// <param name="TraceId">The X-Ray trace header of this invocation, when tracing is on (also in _X_AMZN_TRACE_ID).</param>
/// <param name="DryRun">Plan and report only; true when DRY_RUN is set or the event asks for it.</param>
/// <param name="PolicyName">Run only this policy; null runs all.</param>
/// <param name="RawEvent">The event exactly as Lambda delivered it.</param>
/// <param name="Drill">A drill's options, for a drill event.</param>
/// <param name="Changes">The change events of a watch trigger (docs/watch.md).</param>
internal sealed record ReconcileInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    bool DryRun,
    string? PolicyName,
    string RawEvent,
    DrillEvent? Drill = null,
    ChangeDelivery? Changes = null);

/// <summary>
/// What a run returns. A succeeded run's JSON summary is the invocation's response; a failed run's summary goes into
/// the error message, so Lambda counts an error (the template alarms on it) and the summary still says what happened.
/// </summary>
/// <param name="ResponseJson">The run's JSON summary.</param>
/// <param name="Succeeded">Whether the run did its job. Drift found, or changes left pending by the deadline, is success.</param>
/// <param name="Counts">The run's counts for the reconciler's own metrics; null if it failed before counting.</param>
internal sealed record InvocationResult(string ResponseJson, bool Succeeded, RunCounts? Counts = null)
{
    /// <summary>A run that did its job.</summary>
    public static InvocationResult Success(string responseJson, RunCounts? counts = null) => new(responseJson, Succeeded: true, counts);

    /// <summary>A run that failed; <paramref name="responseJson"/> says why.</summary>
    public static InvocationResult Failure(string responseJson, RunCounts? counts = null) => new(responseJson, Succeeded: false, counts);
}
