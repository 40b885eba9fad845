using Reconciler.Kinds.TraceGroups;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Verification.TraceArrival;

/// <summary>What a traced resource is: a Lambda function or a REST API stage.</summary>
internal enum TracedKind
{
    /// <summary>A Lambda function with Active tracing.</summary>
    Function,

    /// <summary>A REST API stage with tracing enabled.</summary>
    Stage,
}

/// <summary>
/// One resource whose traces the check looks for: its policy, kind, name (the function name, or "&lt;api&gt;/&lt;stage&gt;",
/// which is also its X-Ray node name), the CloudWatch metric that counts its invocations, the policy's window and
/// threshold, and when its configuration last changed (null: unknown), since invocations before that may predate its
/// tracing.
/// </summary>
internal sealed record TracedResource(string PolicyName, TracedKind Kind, string Name, Aws.MetricStat Invocations, TraceVerifySpec Spec, DateTimeOffset? ChangedAt = null);

/// <summary>
/// Which resources the trace-arrival check covers: for each policy with spec.tracing.verify, the functions and stages
/// it selects (after exclusions) that are traced now, as discovery saw them: functions with Active tracing, stages
/// with tracing enabled. A resource this run is about to switch on is not checked: it cannot have traces yet; one whose
/// configuration changed inside the window is judged only on the invocations after that change. Pure.
/// </summary>
internal static class TraceArrivalTargets
{
    /// <summary>The resources to check, by policy then name.</summary>
    public static IReadOnlyList<TracedResource> Of(IReadOnlyList<ObservabilityPolicy> policies, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(observation);
        var targets = new List<TracedResource>();
        foreach (var policy in policies.OrderBy(policy => policy.Name, StringComparer.Ordinal))
        {
            var spec = policy.Section<TraceVerifySpec>();
            if (!spec.Wanted)
            {
                continue;
            }

            var selection = Scoping.Select(policy, observation.Scopes.FirstOrDefault(scope => scope.PolicyName == policy.Name));
            var period = TraceArrivalReader.PeriodSeconds(spec.WindowMinutes);
            targets.AddRange(selection.Functions
                .Where(function => function.Tracing == LambdaTracingMode.Active)
                .OrderBy(function => function.FunctionName, StringComparer.Ordinal)
                .Select(function => new TracedResource(
                    policy.Name,
                    TracedKind.Function,
                    function.FunctionName,
                    new Aws.MetricStat("AWS/Lambda", "Invocations", [new("FunctionName", function.FunctionName)], period, "Sum"),
                    spec,
                    function.LastModified)));
            targets.AddRange(selection.Stages
                .Where(stage => stage.TracingEnabled)
                .OrderBy(TraceGroupFilter.StageNodeName, StringComparer.Ordinal)
                .Select(stage => new TracedResource(
                    policy.Name,
                    TracedKind.Stage,
                    TraceGroupFilter.StageNodeName(stage),
                    new Aws.MetricStat("AWS/ApiGateway", "Count", [new("ApiName", stage.ApiName), new("Stage", stage.StageName)], period, "Sum"),
                    spec,
                    stage.LastModified)));
        }

        return targets;
    }
}
