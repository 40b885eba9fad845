using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Verification.TraceArrival;
using static Reconciler.Tests.Planning.PlanningFixtures;
using Dimension = Reconciler.Aws.Dimension;
using MetricStat = Reconciler.Aws.MetricStat;

namespace Reconciler.Tests.Verification;

/// <summary>The trace-arrival check's targets and verdicts, pure: healthy, silent, below minInvocations, idle, unverified.</summary>
public class TraceArrivalCheckTests
{
    private static readonly TraceVerifySpec Spec = new(true, 60, 20);
    private static readonly DateTimeOffset End = new(2026, 12, 2, 14, 25, 0, TimeSpan.Zero);

    private static ObservabilityPolicy Verified(TraceVerifySpec? spec = null) =>
        TracingOnly(PolicyName, LambdaTracingMode.Active, true).WithSection(spec ?? Spec);

    private static TracedResource FunctionTarget(string name) =>
        new(PolicyName, TracedKind.Function, name, new MetricStat("AWS/Lambda", "Invocations", [new("FunctionName", name)], 60, "Sum"), Spec);

    private static TracedResource StageTarget(string name) =>
        new(PolicyName, TracedKind.Stage, name, new MetricStat("AWS/ApiGateway", "Count", [], 60, "Sum"), Spec);

    private static TraceEvidence Evidence(IReadOnlyDictionary<TracedResource, long> invocations, params ServiceGraphNode[] nodes) =>
        new(End.AddMinutes(-60), End, invocations, nodes, Failure: null);

    [Fact]
    public void Targets_OnlyTracedResourcesOfPoliciesThatVerify_WithTheirInvocationMetrics()
    {
        var observation = Observe([Scope(
            functions: [Function("ManageProjects"), Function("Untraced", LambdaTracingMode.PassThrough)],
            stages: [Stage("ProjectManagementAPI", "prod"), Stage("ProjectManagementAPI", "dev", tracing: false, restApiId: "other00001")])]);

        var targets = TraceArrivalTargets.Of([Verified()], observation);

        Assert.Equal(["ManageProjects", "ProjectManagementAPI/prod"], targets.Select(t => t.Name));
        Assert.Equal(new MetricStat("AWS/Lambda", "Invocations", [new("FunctionName", "ManageProjects")], 60, "Sum") with { Dimensions = targets[0].Invocations.Dimensions }, targets[0].Invocations);
        Assert.Equal([new Dimension("FunctionName", "ManageProjects")], targets[0].Invocations.Dimensions);
        Assert.Equal([new Dimension("ApiName", "ProjectManagementAPI"), new Dimension("Stage", "prod")], targets[1].Invocations.Dimensions);
        Assert.Empty(TraceArrivalTargets.Of([TracingOnly(PolicyName, LambdaTracingMode.Active, true)], observation));
    }

    [Fact]
    public void Assess_EachCase_GetsItsVerdict()
    {
        var healthy = FunctionTarget("healthy");
        var serviceOnly = FunctionTarget("service-node-only");
        var silent = FunctionTarget("silent");
        var few = FunctionTarget("few");
        var idle = FunctionTarget("idle");
        var stage = StageTarget("orders/prod");
        var invocations = new Dictionary<TracedResource, long> { [healthy] = 500, [serviceOnly] = 40, [silent] = 20, [few] = 19, [idle] = 0, [stage] = 30 };
        var evidence = Evidence(
            invocations,
            new ServiceGraphNode("healthy", ["healthy"], "AWS::Lambda::Function", 25),
            new ServiceGraphNode("service-node-only", ["service-node-only"], "AWS::Lambda", 2),
            new ServiceGraphNode("orders/prod", ["orders/prod"], "AWS::ApiGateway::Stage", 3),
            new ServiceGraphNode("silent", ["silent"], "client", 1));

        var verdicts = TraceArrivalCheck.Assess([healthy, serviceOnly, silent, few, idle, stage], evidence);

        Assert.Equal(
            [TraceVerdict.TracesArrive, TraceVerdict.TracesArrive, TraceVerdict.Silent, TraceVerdict.TooFewInvocations, TraceVerdict.NoInvocations, TraceVerdict.TracesArrive],
            verdicts.Select(v => v.Verdict));
    }

    [Fact]
    public void Warnings_SilentFunction_NamesTheCountWindowAndTheExecutionRoleFix()
    {
        var silent = FunctionTarget("orders-api");
        var evidence = Evidence(new Dictionary<TracedResource, long> { [silent] = 412 });

        var warning = Assert.Single(TraceArrivalCheck.Warnings(TraceArrivalCheck.Assess([silent], evidence), evidence));

        Assert.Equal(("traceArrival", "noTraces", "Lambda function orders-api"), (warning.Check, warning.Code, warning.Subject));
        Assert.Equal(
            "It was invoked 412 times in the 60 minutes to 2026-12-02 14:25Z (AWS/Lambda Invocations), at least the 20 of spec.tracing.verify.minInvocations, and its tracing is on, but X-Ray recorded no trace of it.",
            warning.Cause);
        Assert.Contains("AWSXRayDaemonWriteAccess", warning.Remedy, StringComparison.Ordinal);
        Assert.Contains("xray:PutTraceSegments", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_SilentStage_PointsAtItsSamplingRules()
    {
        var stage = StageTarget("orders/prod");
        var evidence = Evidence(new Dictionary<TracedResource, long> { [stage] = 50 });

        var warning = Assert.Single(TraceArrivalCheck.Warnings(TraceArrivalCheck.Assess([stage], evidence), evidence));

        Assert.Equal("REST API stage orders/prod", warning.Subject);
        Assert.Contains("sampling rule", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_BelowMinimumIdleOrHealthy_AreNone()
    {
        var few = FunctionTarget("few");
        var idle = FunctionTarget("idle");
        var healthy = FunctionTarget("healthy");
        var evidence = Evidence(new Dictionary<TracedResource, long> { [few] = 3, [idle] = 0, [healthy] = 100 }, new ServiceGraphNode("healthy", ["healthy"], "AWS::Lambda::Function", 5));

        Assert.Empty(TraceArrivalCheck.Warnings(TraceArrivalCheck.Assess([few, idle, healthy], evidence), evidence));
    }

    [Fact]
    public void CountedFrom_ResourceChangedInsideTheWindow_StartsAtTheFirstWholePeriodAfterTheChange()
    {
        var start = End.AddMinutes(-60);
        var changed = FunctionTarget("f") with { ChangedAt = start.AddMinutes(12).AddSeconds(5) };

        Assert.Equal(start.AddMinutes(13), TraceArrivalReader.CountedFrom(changed, start));
        Assert.Equal(start, TraceArrivalReader.CountedFrom(changed with { ChangedAt = start.AddDays(-3) }, start));
        Assert.Equal(start, TraceArrivalReader.CountedFrom(changed with { ChangedAt = null }, start));
        Assert.Equal(60, TraceArrivalReader.PeriodSeconds(60));
        Assert.Equal(300, TraceArrivalReader.PeriodSeconds(61));
    }

    [Fact]
    public void Warnings_SilentSinceItsLastChange_SaysFromWhenItCounted()
    {
        var silent = FunctionTarget("orders-api");
        var evidence = Evidence(new Dictionary<TracedResource, long> { [silent] = 30 }) with
        {
            CountedFrom = new Dictionary<TracedResource, DateTimeOffset> { [silent] = End.AddMinutes(-25) },
        };

        var warning = Assert.Single(TraceArrivalCheck.Warnings(TraceArrivalCheck.Assess([silent], evidence), evidence));

        Assert.StartsWith("It was invoked 30 times in the 25 minutes from 14:00Z (after its configuration last changed) to 2026-12-02 14:25Z", warning.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2019-09-23T18:32:33.857+0000", "2019-09-23T18:32:33.8570000+00:00")]
    [InlineData("2026-12-02T15:04:05.000-0130", "2026-12-02T15:04:05.0000000-01:30")]
    [InlineData("2026-12-02T15:04:05Z", "2026-12-02T15:04:05.0000000+00:00")]
    public void LambdaTimestamps_LambdasFormat_IsRead(string value, string want)
    {
        Assert.Equal(DateTimeOffset.Parse(want, System.Globalization.CultureInfo.InvariantCulture), Reconciler.Aws.LambdaTimestamps.Parse(value));
    }

    [Fact]
    public void LambdaTimestamps_NoneOrGarbage_IsNull()
    {
        Assert.Null(Reconciler.Aws.LambdaTimestamps.Parse(null));
        Assert.Null(Reconciler.Aws.LambdaTimestamps.Parse("yesterday"));
    }

    [Fact]
    public void Warnings_EvidenceUnreadable_OneWarningPerPolicyThatTheCheckCouldNotRun()
    {
        var resources = new[] { FunctionTarget("a"), FunctionTarget("b") };
        var evidence = new TraceEvidence(End.AddMinutes(-60), End, new Dictionary<TracedResource, long>(), [], "xray GetServiceGraph failed: AccessDeniedException: not authorized");

        var warning = Assert.Single(TraceArrivalCheck.Warnings(TraceArrivalCheck.Assess(resources, evidence), evidence));

        Assert.Equal(("unverified", 2), (warning.Code, warning.ResourceCount));
        Assert.Contains("AccessDeniedException", warning.Cause, StringComparison.Ordinal);
        var text = new System.Text.StringBuilder();
        Reconciler.Reporting.WarningLines.Append(text, [warning], Reconciler.Reporting.TextStyle.Plain);
        Assert.Contains("unchecked: a, b)", text.ToString().Replace("\n    ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("used by", text.ToString(), StringComparison.Ordinal);
    }
}
