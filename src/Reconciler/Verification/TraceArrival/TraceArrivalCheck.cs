using System.Globalization;
using Reconciler.Kinds.TraceGroups;

namespace Reconciler.Verification.TraceArrival;

/// <summary>What the check concluded about one traced resource.</summary>
internal enum TraceVerdict
{
    /// <summary>X-Ray has its node in the window: traces arrive.</summary>
    TracesArrive,

    /// <summary>Invoked at least minInvocations times, and X-Ray recorded nothing: a warning.</summary>
    Silent,

    /// <summary>Invoked, but fewer times than minInvocations: too few to expect a sampled trace; no verdict.</summary>
    TooFewInvocations,

    /// <summary>Not invoked in the window: nothing to trace; no verdict.</summary>
    NoInvocations,

    /// <summary>The metrics or the service graph could not be read.</summary>
    Unverified,
}

/// <summary>One resource's verdict and the invocations it was based on.</summary>
internal sealed record TraceArrival(TracedResource Resource, TraceVerdict Verdict, long Invocations);

/// <summary>
/// Decides, from the evidence, whether each traced resource that was invoked produced traces. Pure. A function counts
/// as traced when the service graph has a node with its name of type AWS::Lambda::Function or AWS::Lambda (the
/// function's own segment, or the Lambda service's segment for it); a stage when it has the node
/// "&lt;api&gt;/&lt;stage&gt;" of type AWS::ApiGateway::Stage. With X-Ray's sampling (Lambda traces the first request
/// each second; API Gateway follows the sampling rules, whose Default also keeps one a second), a resource invoked
/// minInvocations times or more should have at least one trace.
/// </summary>
internal static class TraceArrivalCheck
{
    /// <summary>The name of this check in warnings.</summary>
    public const string Name = "traceArrival";

    private static readonly string[] FunctionNodeTypes = [TraceGroupFilter.FunctionType, "AWS::Lambda"];

    /// <summary>The verdict on each of <paramref name="resources"/>.</summary>
    public static IReadOnlyList<TraceArrival> Assess(IReadOnlyList<TracedResource> resources, TraceEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(evidence);
        var seen = evidence.Nodes
            .SelectMany(node => node.Names.Append(node.Name).Select(name => (Name: name, node.Type)))
            .ToHashSet();
        return [.. resources.Select(resource =>
        {
            if (evidence.Failure is not null)
            {
                return new TraceArrival(resource, TraceVerdict.Unverified, 0);
            }

            var invocations = evidence.Invocations.GetValueOrDefault(resource);
            var traced = resource.Kind == TracedKind.Function
                ? FunctionNodeTypes.Any(type => seen.Contains((resource.Name, type)))
                : seen.Contains((resource.Name, TraceGroupFilter.StageType));
            var verdict = traced ? TraceVerdict.TracesArrive
                : invocations == 0 ? TraceVerdict.NoInvocations
                : invocations < resource.Spec.MinInvocations ? TraceVerdict.TooFewInvocations
                : TraceVerdict.Silent;
            return new TraceArrival(resource, verdict, invocations);
        })];
    }

    /// <summary>One warning per silent resource, and one per policy whose evidence could not be read.</summary>
    public static IReadOnlyList<RunWarning> Warnings(IReadOnlyList<TraceArrival> arrivals, TraceEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(evidence);
        var window = Window(evidence);
        var warnings = new List<RunWarning>();
        foreach (var unverified in arrivals.Where(a => a.Verdict == TraceVerdict.Unverified).GroupBy(a => a.Resource.PolicyName, StringComparer.Ordinal))
        {
            warnings.Add(RunWarning.Of(
                Name,
                "unverified",
                $"traces of policy {unverified.Key}",
                [unverified.Key],
                [.. unverified.Select(a => a.Resource.Name)],
                $"Whether the {Count(unverified.Count(), "traced resource")} of policy {unverified.Key} send traces could not be checked for {window}: {evidence.Failure}.",
                "Give the reconciler's role cloudwatch:GetMetricData and xray:GetServiceGraph (the template grants both); the next run checks again.") with
            {
                ResourcesAre = "unchecked:",
            });
        }

        foreach (var silent in arrivals.Where(a => a.Verdict == TraceVerdict.Silent))
        {
            var resource = silent.Resource;
            var (what, remedy) = resource.Kind == TracedKind.Function
                ? ($"Lambda function {resource.Name}", "Check that its execution role may call xray:PutTraceSegments and xray:PutTelemetryRecords (attach the AWS managed policy AWSXRayDaemonWriteAccess), and that its code does not replace the X-Ray SDK's setup or turn tracing off. Then invoke it and look again after a few minutes.")
                : ($"REST API stage {resource.Name}", "Check that the stage's tracing is on in the deployed stage, and that no X-Ray sampling rule matching it has a fixed rate and reservoir of 0 (aws xray get-sampling-rules). Then call it and look again after a few minutes.");
            warnings.Add(RunWarning.Of(
                Name,
                "noTraces",
                what,
                [resource.PolicyName],
                [],
                string.Create(CultureInfo.InvariantCulture, $"It was invoked {silent.Invocations} times in {Counted(evidence, resource, window)} ({resource.Invocations.Namespace} {resource.Invocations.MetricName}), at least the {resource.Spec.MinInvocations} of spec.tracing.verify.minInvocations, and its tracing is on, but X-Ray recorded no trace of it."),
                remedy));
        }

        return warnings;
    }

    private static string Counted(TraceEvidence evidence, TracedResource resource, string window) =>
        evidence.CountStart(resource) is var from && from > evidence.Start
            ? string.Create(CultureInfo.InvariantCulture, $"the {(int)(evidence.End - from).TotalMinutes} minutes from {from.UtcDateTime:HH:mm}Z (after its configuration last changed) to {evidence.End.UtcDateTime:yyyy-MM-dd HH:mm}Z")
            : window;

    private static string Window(TraceEvidence evidence) =>
        string.Create(CultureInfo.InvariantCulture, $"the {(int)(evidence.End - evidence.Start).TotalMinutes} minutes to {evidence.End.UtcDateTime:yyyy-MM-dd HH:mm}Z");

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
