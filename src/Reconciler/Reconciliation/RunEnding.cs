using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Reporting;
using Reconciler.Telemetry;

namespace Reconciler.Reconciliation;

/// <summary>
/// The end of a run, the same in every host: publish the report where the policies and the host's topics say, and
/// count what the run did. Hosts only turn the <see cref="EndedRun"/> into an exit code, a Lambda response or a story.
/// </summary>
internal static class RunEnding
{
    /// <summary>
    /// Publishes <paramref name="result"/>'s report for the run's policies. Topics resolve as <see cref="ReportPublisher"/>
    /// documents: --report-topic over everything, then each policy's report.topicArn, then REPORT_TOPIC_ARN.
    /// </summary>
    /// <param name="topics">The host's topics: the CLI's --report-topic and REPORT_TOPIC_ARN, the function's REPORT_TOPIC_ARN.</param>
    public static async Task<EndedRun> PublishAsync(
        ISnsPublisher sns,
        ReconcileResult result,
        RunPolicies policies,
        ReportTopics topics,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(policies);
        var published = await new ReportPublisher(sns).PublishAsync(result.Report, policies.Policies, topics, cancellationToken);
        return new EndedRun(result, published);
    }

    /// <summary>What the run counted, for the run's metrics.</summary>
    /// <remarks>API calls are logical calls (one per method invocation or page, as the report's <c>calls</c>), not HTTP
    /// attempts: retries are in the report's <c>attempts</c> and <c>retries</c>. Throttles are throttled attempts.</remarks>
    public static RunCounts Count(ReconcileResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcomes = result.Apply?.Outcomes ?? [];
        var calls = result.Report.ApiCalls;
        return new RunCounts(
            DriftFound: result.Plan.Resources.Count(resource => resource.State == ResourceState.Drifted),
            ChangesApplied: outcomes.Count(outcome => outcome.Status == ChangeStatus.Applied),
            ChangesFailed: outcomes.Count(outcome => outcome.Status == ChangeStatus.Failed),
            ChangesPending: outcomes.Count(outcome => outcome.Status == ChangeStatus.Pending),
            ApiCalls: (int)calls.Sum(call => call.Calls),
            Throttles: (int)calls.Sum(call => call.Throttles));
    }
}

/// <summary>A finished run and where its report went.</summary>
internal sealed record EndedRun(ReconcileResult Result, ReportPublishResult Publication)
{
    /// <summary>True when some write or read failed, or the report could not be published: the run must fail.</summary>
    public bool Failed => Result.HasFailures || Publication.Failed;

    /// <summary>See <see cref="RunEnding.Count"/>.</summary>
    public RunCounts Counts => RunEnding.Count(Result);
}
