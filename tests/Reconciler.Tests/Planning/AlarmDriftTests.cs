using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class AlarmDriftTests
{
    private const string Latency = "reconciler-project-management-ManageProjects-latency";
    private const string ErrorRate = "reconciler-project-management-ManageProjects-error-rate";
    private const string StageLatency = "reconciler-project-management-ProjectManagementAPI/prod-latency";

    private static readonly Dictionary<string, (string Alarm, Func<AlarmDefinition, AlarmDefinition> Edit)> Edits = new()
    {
        ["threshold"] = (Latency, a => a with { Threshold = 2500 }),
        ["period"] = (Latency, a => a with { Period = 300 }),
        ["percentile"] = (Latency, a => a with { ExtendedStatistic = "p90" }),
        ["statistic kind"] = (Latency, a => a with { Statistic = "Average", ExtendedStatistic = null }),
        ["actions"] = (Latency, a => a with { AlarmActions = [] }),
        ["ok actions"] = (Latency, a => a with { OkActions = ["arn:aws:sns:us-east-1:123456789012:someone-added"] }),
        ["description"] = (Latency, a => a with { AlarmDescription = "edited by hand [reconciler:owner=reconciler;policy=project-management]" }),
        ["treat missing"] = (Latency, a => a with { TreatMissingData = "breaching" }),
        ["evaluation periods"] = (Latency, a => a with { EvaluationPeriods = 3, DatapointsToAlarm = 5 }),
        ["datapoints"] = (Latency, a => a with { DatapointsToAlarm = 2 }),
        ["comparison"] = (Latency, a => a with { ComparisonOperator = "GreaterThanOrEqualToThreshold" }),
        ["dimension"] = (Latency, a => a with { Dimensions = [new MetricDimension("FunctionName", "Other")] }),
        ["actions disabled"] = (Latency, a => a with { ActionsEnabled = false }),
        ["expression"] = (ErrorRate, a => a with { Metrics = [.. a.Metrics.Select(m => m.Id == "error_rate" ? m with { Expression = "100 * errors / invocations" } : m)] }),
        ["math to single metric"] = (ErrorRate, a => a with { Metrics = [], Namespace = "AWS/Lambda", MetricName = "Errors", Statistic = "Sum", Period = 60, Dimensions = [new MetricDimension("FunctionName", "ManageProjects")] }),
    };

    public static TheoryData<string, string[]> DriftCases => new()
    {
        { "threshold", ["threshold: 2500 -> 2000"] },
        { "period", ["period: 300 -> 60"] },
        { "percentile", ["extendedStatistic: p90 -> p99"] },
        { "statistic kind", ["statistic: Average -> (none)", "extendedStatistic: (none) -> p99"] },
        { "actions", ["alarmActions: [] -> [arn:aws:sns:us-east-1:123456789012:ops-alerts]"] },
        { "ok actions", ["okActions: [arn:aws:sns:us-east-1:123456789012:someone-added] -> []"] },
        { "description", ["description: edited by hand [reconciler:owner=reconciler;policy=project-management] -> Rule latency (Duration) on Lambda function ManageProjects. Managed by observability-reconciler (deployment reconciler, policy project-management). Edit the policy, not this alarm. [reconciler:owner=reconciler;policy=project-management]"] },
        { "treat missing", ["treatMissingData: breaching -> missing"] },
        { "evaluation periods", ["evaluationPeriods: 3 -> 5"] },
        { "datapoints", ["datapointsToAlarm: 2 -> 5"] },
        { "comparison", ["comparisonOperator: GreaterThanOrEqualToThreshold -> GreaterThanThreshold"] },
        { "dimension", ["dimensions: [FunctionName=Other] -> [FunctionName=ManageProjects]"] },
        { "actions disabled", ["actionsEnabled: false -> true"] },
        { "expression", ["metrics[error_rate]: 100 * errors / invocations label=\"Error rate (%)\" returnData=true -> IF(invocations > 0, 100 * errors / invocations, 0) label=\"Error rate (%)\" returnData=true"] },
        {
            "math to single metric",
            [
                "namespace: AWS/Lambda -> (none)", "metricName: Errors -> (none)", "statistic: Sum -> (none)",
                "dimensions: [FunctionName=ManageProjects] -> (none)", "period: 60 -> (none)",
                "metrics[error_rate]: (none) -> IF(invocations > 0, 100 * errors / invocations, 0) label=\"Error rate (%)\" returnData=true",
                "metrics[errors]: (none) -> AWS/Lambda Errors [FunctionName=ManageProjects] Sum period=60 returnData=false",
                "metrics[invocations]: (none) -> AWS/Lambda Invocations [FunctionName=ManageProjects] Sum period=60 returnData=false",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(DriftCases))]
    public void CreatePlan_OwnedAlarmDrifted_UpdateWithFieldDiffs(string edit, string[] wantFields)
    {
        var (alarmName, change) = Edits[edit];
        var desired = DesiredAlarms(Policy());
        var converged = Converged(Policy());
        var observation = converged.WithAlarms(converged.Alarms.Values.Select(a => a.AlarmName == alarmName ? change(a) : a));

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        var update = Assert.Single(plan.Changes);
        Assert.Equal((ChangeKind.Alarm, ChangeAction.Update, alarmName), (update.Kind, update.Action, update.Target));
        AssertLines(wantFields, update.Fields.Select(Describe));
        Assert.Empty(Diffing.Alarm(desired[alarmName], ((PutAlarm)update.Payload).Alarm));
        var resource = Assert.Single(plan.Resources, r => r.Name == "ManageProjects");
        Assert.Equal(ResourceState.Drifted, resource.State);
    }

    public static TheoryData<string> NormalisedCases => new()
    {
        "datapoints absent equals evaluation periods",
        "actions reordered with duplicates",
        "dimensions reordered",
        "metrics reordered",
        "treat missing absent equals missing",
    };

    [Theory]
    [MemberData(nameof(NormalisedCases))]
    public void CreatePlan_OwnedAlarmDiffersOnlyAsCloudWatchNormalises_NoChange(string edit)
    {
        var policy = Policy() with
        {
            Alarms = Policy().Alarms with { Actions = new AlarmActions([AlertsTopic, "arn:aws:sns:us-east-1:123456789012:a"], [], []) },
        };
        var converged = Converged(policy);
        var observation = converged.WithAlarms(converged.Alarms.Values.Select(a => edit switch
        {
            "datapoints absent equals evaluation periods" when a.AlarmName == Latency => a with { DatapointsToAlarm = null },
            "actions reordered with duplicates" => a with { AlarmActions = [.. a.AlarmActions.Reverse(), AlertsTopic] },
            "dimensions reordered" when a.AlarmName == StageLatency => a with { Dimensions = [.. a.Dimensions.Reverse()] },
            "metrics reordered" when a.AlarmName == ErrorRate => a with { Metrics = [.. a.Metrics.Reverse()] },
            "treat missing absent equals missing" when a.AlarmName == Latency => a with { TreatMissingData = null },
            _ => a,
        }));

        var plan = Planner.CreatePlan([policy], observation, Options);

        Assert.True(plan.InSync, WantGot([], plan.Changes.Select(c => Describe(c) + " " + string.Join("; ", c.Fields.Select(Describe)))));
    }

    [Fact]
    public void CreatePlan_MissingAlarm_CreateWithAllFields()
    {
        var plan = Planner.CreatePlan([Policy()], Observe(), Options);

        var create = Assert.Single(plan.Changes, c => c.Target == Latency);
        Assert.Equal(ChangeAction.Create, create.Action);
        Assert.Equal($"arn:aws:cloudwatch:us-east-1:123456789012:alarm:{Latency}", create.ResourceArn);
        Assert.All(create.Fields, f => Assert.Null(f.Before));
        Assert.Contains(create.Fields, f => f.Field == "threshold" && f.After == "2000");
        Assert.Contains(create.Fields, f => f.Field == "extendedStatistic" && f.After == "p99");
    }

    [Fact]
    public void CreatePlan_ThresholdFormatting_NoTrailingZeros()
    {
        var policy = Policy() with { Alarms = Policy().Alarms with { Lambda = [], ApiGateway = [ApiErrorsRule] } };

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        Assert.All(plan.Changes.Where(c => c.Kind == ChangeKind.Alarm), c => Assert.Contains(c.Fields, f => f.Field == "threshold" && f.After == "0.05"));
    }
}
