using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Kinds.StageTracing;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Planning;

/// <summary>
/// The project-management example of the design (ManageProjects, UploadFile, ProjectManagementAPI prod/dev) as
/// plain records, plus small builders. Tests change what they need with `with`.
/// </summary>
internal static class PlanningFixtures
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";
    public const string PolicyName = "project-management";
    public const string AlertsTopic = "arn:aws:sns:us-east-1:123456789012:ops-alerts";

    public static readonly PlanningOptions Options = new("reconciler", Region, Account);

    public static PolicySource Source(string file = "policies/project-management.yaml") => new(file, 1, 1);

    public static AlarmRule Rule(
        string name,
        string metric,
        string statistic = "Average",
        double threshold = 1,
        int period = 60,
        int evaluationPeriods = 5,
        int datapointsToAlarm = 5,
        TreatMissingData treatMissingData = TreatMissingData.Missing,
        ComparisonOperator comparison = ComparisonOperator.GreaterThanThreshold) =>
        new(name, metric, statistic, threshold, comparison, period, evaluationPeriods, datapointsToAlarm, treatMissingData, Source());

    public static AlarmRule ErrorRateRule => Rule(
        "error-rate", "ErrorRate", statistic: "Sum", threshold: 5, period: 60, evaluationPeriods: 5, datapointsToAlarm: 3,
        treatMissingData: TreatMissingData.NotBreaching);

    public static AlarmRule LambdaLatencyRule => Rule("latency", "Duration", statistic: "p99", threshold: 2000);

    public static AlarmRule ApiErrorsRule => Rule("5xx-rate", "5XXError", statistic: "Average", threshold: 0.05);

    public static AlarmRule ApiLatencyRule => Rule("latency", "Latency", statistic: "p99", threshold: 2000);

    public static DashboardSpec Dashboard => new(
        "AppMonitoringDashboard",
        [
            new WidgetSpec("Lambda invocations", WidgetType.Metric, ResourceType.LambdaFunction, ["Invocations"], "Sum"),
            new WidgetSpec("Lambda errors", WidgetType.Metric, ResourceType.LambdaFunction, ["Errors"], "Sum"),
            new WidgetSpec("Lambda duration p99", WidgetType.Metric, ResourceType.LambdaFunction, ["Duration"], "p99"),
            new WidgetSpec("API requests and errors", WidgetType.Metric, ResourceType.ApiGatewayStage, ["Count", "4XXError", "5XXError"], "Sum"),
            new WidgetSpec("API latency p99", WidgetType.Metric, ResourceType.ApiGatewayStage, ["Latency"], "p99"),
            new WidgetSpec("Alarms", WidgetType.AlarmStatus, null, [], "Sum"),
        ]);

    /// <summary>The design's example policy, in full.</summary>
    public static ObservabilityPolicy Policy(string name = PolicyName) => new(
        name,
        Source($"policies/{name}.yaml"),
        PolicyMode.Enforce,
        new ResourceSelector(
            new Dictionary<string, IReadOnlyList<string>> { ["app"] = ["project-management"], ["env"] = ["prod", "dev"] },
            [ResourceType.LambdaFunction, ResourceType.ApiGatewayStage],
            new ExclusionSpec(["legacy-*"], new Dictionary<string, string> { ["observability:ignore"] = "true" }),
            MatchAll: false),
        new TracingSpec(LambdaTracingMode.Active, true),
        new AlarmsSpec(
            new AlarmActions([AlertsTopic], [], []),
            [ErrorRateRule, LambdaLatencyRule],
            [ApiErrorsRule, ApiLatencyRule],
            Adopt: false),
        Dashboard,
        new ReportSpec(null, ReportWhen.OnChange));

    /// <summary>A policy with tracing only: no alarms, no dashboard.</summary>
    public static ObservabilityPolicy TracingOnly(string name, LambdaTracingMode? lambda, bool? apiGateway) =>
        Policy(name) with
        {
            Tracing = new TracingSpec(lambda, apiGateway),
            Alarms = new AlarmsSpec(new AlarmActions([], [], []), [], [], false),
            Dashboard = null,
        };

    public static Dictionary<string, string> AppTags(string env = "prod") =>
        new() { ["app"] = "project-management", ["env"] = env };

    public static ObservedFunction Function(
        string name, LambdaTracingMode tracing = LambdaTracingMode.Active, Dictionary<string, string>? tags = null) =>
        new(name, $"arn:aws:lambda:{Region}:{Account}:function:{name}", tracing, tags ?? AppTags());

    public static ObservedStage Stage(
        string apiName, string stage, bool tracing = true, Dictionary<string, string>? tags = null, string restApiId = "a1b2c3d4e5") =>
        new(restApiId, apiName, stage, $"arn:aws:apigateway:{Region}::/restapis/{restApiId}/stages/{stage}", tracing, tags ?? AppTags(stage));

    public static PolicyScope Scope(
        string policy = PolicyName,
        IReadOnlyList<ObservedFunction>? functions = null,
        IReadOnlyList<ObservedStage>? stages = null,
        bool complete = true,
        string? incompleteReason = null) =>
        new(
            policy,
            functions ?? [Function("ManageProjects"), Function("UploadFile")],
            stages ?? [Stage("ProjectManagementAPI", "prod"), Stage("ProjectManagementAPI", "dev")],
            complete,
            incompleteReason);

    public static Observation Observe(
        IReadOnlyList<PolicyScope>? scopes = null,
        IEnumerable<AlarmDefinition>? alarms = null,
        bool alarmsComplete = true,
        IReadOnlyDictionary<string, ObservedDashboard?>? dashboards = null) =>
        new Observation(
            scopes ?? [Scope()],
            (alarms ?? []).ToDictionary(a => a.AlarmName, StringComparer.Ordinal),
            alarmsComplete)
        .WithSlot(new ObservedDashboards(dashboards ?? new Dictionary<string, ObservedDashboard?> { ["AppMonitoringDashboard"] = null }));

    /// <summary>
    /// What the account looks like after applying <paramref name="plan"/>: alarms as DescribeAlarms returns them
    /// (no tags), dashboards as GetDashboard returns them, tracing as set.
    /// </summary>
    public static Observation Converge(Observation before, Plan plan)
    {
        var alarms = before.Alarms.Values.ToDictionary(a => a.AlarmName, StringComparer.Ordinal);
        var dashboards = before.Slot<ObservedDashboards>().ByName.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var functionTracing = new Dictionary<string, LambdaTracingMode>(StringComparer.Ordinal);
        var stageTracing = new Dictionary<(string, string), bool>();
        foreach (var change in plan.Changes)
        {
            switch (change.Payload)
            {
                case PutAlarm put:
                    alarms[put.Alarm.AlarmName] = put.Alarm with { Tags = [] };
                    break;
                case DeleteAlarm delete:
                    alarms.Remove(delete.AlarmName);
                    break;
                case PutDashboard dashboard:
                    dashboards[dashboard.DashboardName] = new ObservedDashboard(dashboard.DashboardName, dashboard.Body);
                    break;
                case SetFunctionTracing tracing:
                    functionTracing[tracing.FunctionName] = tracing.Mode;
                    break;
                case SetStageTracing tracing:
                    stageTracing[(tracing.RestApiId, tracing.StageName)] = tracing.Enabled;
                    break;
                default:
                    throw new InvalidOperationException($"unknown payload {change.Payload}");
            }
        }

        var scopes = before.Scopes.Select(s => s with
        {
            Functions = [.. s.Functions.Select(f => functionTracing.TryGetValue(f.FunctionName, out var mode) ? f with { Tracing = mode } : f)],
            Stages = [.. s.Stages.Select(st => stageTracing.TryGetValue((st.RestApiId, st.StageName), out var on) ? st with { TracingEnabled = on } : st)],
        }).ToList();

        return (before with { Scopes = scopes, Alarms = alarms }).WithSlot(new ObservedDashboards(dashboards));
    }

    /// <summary>The account after one full apply of <paramref name="policies"/> over the default observation.</summary>
    public static Observation Converged(params ObservabilityPolicy[] policies)
    {
        var observation = Observe(scopes: [.. policies.Select(p => Scope(p.Name))]);
        return Converge(observation, Planner.CreatePlan(policies, observation, Options));
    }

    /// <summary>The observation with its alarms replaced by <paramref name="alarms"/>.</summary>
    public static Observation WithAlarms(this Observation observation, IEnumerable<AlarmDefinition> alarms) =>
        observation with { Alarms = alarms.ToDictionary(a => a.AlarmName, StringComparer.Ordinal) };

    /// <summary>The desired alarms of a plan over an empty account, by name.</summary>
    public static Dictionary<string, AlarmDefinition> DesiredAlarms(ObservabilityPolicy policy, Observation? observation = null)
    {
        var plan = Planner.CreatePlan([policy], observation ?? Observe(), Options);
        return plan.Changes.Select(c => c.Payload).OfType<PutAlarm>().ToDictionary(p => p.Alarm.AlarmName, p => p.Alarm, StringComparer.Ordinal);
    }

    /// <summary>One line per change: "policy kind action target [field: before -> after; ...]".</summary>
    public static string Describe(PlannedChange change) =>
        $"{change.PolicyName} {change.Kind} {change.Action} {change.Target} enforced={change.Enforced}";

    public static string Describe(FieldDiff diff) => $"{diff.Field}: {diff.Before ?? "(none)"} -> {diff.After ?? "(none)"}";

    /// <summary>"-want +got" for two lists of lines.</summary>
    public static string WantGot(IEnumerable<string> want, IEnumerable<string> got) =>
        "-want +got:\n" + string.Join('\n', want.Select(w => "- " + w)) + "\n" + string.Join('\n', got.Select(g => "+ " + g));

    public static void AssertLines(IEnumerable<string> want, IEnumerable<string> got)
    {
        var wantList = want.ToList();
        var gotList = got.ToList();
        Assert.True(wantList.SequenceEqual(gotList, StringComparer.Ordinal), WantGot(wantList, gotList));
    }
}
