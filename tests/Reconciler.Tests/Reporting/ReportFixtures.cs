using Reconciler.Aws;
using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

/// <summary>
/// The project-management app of the design: functions ManageProjects and UploadFile, REST API ProjectManagementAPI
/// with stages prod and dev, one run that corrected tracing and a threshold, failed a PutMetricAlarm with
/// LimitExceeded, left the dashboard pending at the deadline and met a foreign alarm.
/// </summary>
internal static class ReportFixtures
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string Policy = "project-management";
    public const string DriftTopic = "arn:aws:sns:us-east-1:123456789012:drift-reports";

    public static readonly DateTimeOffset Started = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static RunContext Context(bool dryRun = false) =>
        new("run-7f3c2a", Started, Started.AddSeconds(42), Account, Region, dryRun);

    public static ObservabilityPolicy PolicyOf(
        string name = Policy,
        PolicyMode mode = PolicyMode.Enforce,
        string? topicArn = DriftTopic,
        ReportWhen when = ReportWhen.OnChange) =>
        new(
            name,
            new PolicySource($"policies/{name}.yaml", 1, 1),
            mode,
            new ResourceSelector(
                new Dictionary<string, IReadOnlyList<string>> { ["app"] = [name] },
                [ResourceType.LambdaFunction, ResourceType.ApiGatewayStage],
                new ExclusionSpec(["legacy-*"], new Dictionary<string, string>()),
                MatchAll: false),
            new TracingSpec(LambdaTracingMode.Active, true),
            new AlarmsSpec(new AlarmActions(["arn:aws:sns:us-east-1:123456789012:ops-alerts"], [], []), [], [], Adopt: false),
            new DashboardSpec("AppMonitoringDashboard", []),
            new ReportSpec(topicArn, when));

    public static string Arn(string function) => $"arn:aws:lambda:{Region}:{Account}:function:{function}";

    public static string StageArn(string stage) => $"arn:aws:apigateway:{Region}::/restapis/a1b2c3d4e5/stages/{stage}";

    public static string AlarmArn(string alarm) => $"arn:aws:cloudwatch:{Region}:{Account}:alarm:{alarm}";

    public static readonly PlannedChange Tracing = new(
        Policy, ChangeKind.FunctionTracing, ChangeAction.Update, "ManageProjects", Arn("ManageProjects"),
        [new FieldDiff("tracing", "PassThrough", "Active")],
        new SetFunctionTracing("ManageProjects", LambdaTracingMode.Active), Enforced: true);

    public static readonly PlannedChange Threshold = new(
        Policy, ChangeKind.Alarm, ChangeAction.Update, "reconciler-project-management-ManageProjects-error-rate",
        AlarmArn("reconciler-project-management-ManageProjects-error-rate"),
        [new FieldDiff("threshold", "10", "5")],
        new PutAlarm(Alarm("reconciler-project-management-ManageProjects-error-rate")), Enforced: true);

    public static readonly PlannedChange FailedAlarm = new(
        Policy, ChangeKind.Alarm, ChangeAction.Create, "reconciler-project-management-UploadFile-latency", null,
        [
            new FieldDiff("metric", null, "AWS/Lambda Duration p99"),
            new FieldDiff("threshold", null, "GreaterThanThreshold 2000"),
        ],
        new PutAlarm(Alarm("reconciler-project-management-UploadFile-latency") with
        {
            Namespace = "AWS/Lambda",
            MetricName = "Duration",
            ExtendedStatistic = "p99",
            Period = 60,
            Threshold = 2000,
        }), Enforced: true);

    public static readonly PlannedChange Dashboard = new(
        Policy, ChangeKind.Dashboard, ChangeAction.Update, "AppMonitoringDashboard",
        $"arn:aws:cloudwatch::{Account}:dashboard/AppMonitoringDashboard",
        [new FieldDiff("widgets", "5 widgets", "6 widgets")],
        new PutDashboard("AppMonitoringDashboard", "{}", []), Enforced: true);

    public static readonly PlanConflict ForeignAlarm = new(
        ConflictKind.NotOwned,
        "reconciler-project-management-ProjectManagementAPI-prod-latency",
        [Policy],
        "An alarm with this name exists but has no reconciler ownership marker, so it is left alone. " +
        "Set alarms.adopt: true in the policy to take it over, or rename the existing alarm.",
        ChangeKind.Alarm);

    public static Plan Plan() => new(
        [Tracing, Threshold, FailedAlarm, Dashboard],
        [ForeignAlarm],
        [
            new ResourceAssessment(Policy, ResourceType.LambdaFunction, Arn("ManageProjects"), "ManageProjects", ResourceState.Drifted, null),
            new ResourceAssessment(Policy, ResourceType.LambdaFunction, Arn("UploadFile"), "UploadFile", ResourceState.InSync, null),
            new ResourceAssessment(Policy, ResourceType.LambdaFunction, Arn("legacy-export"), "legacy-export", ResourceState.Excluded, "name matches exclude glob legacy-*"),
            new ResourceAssessment(Policy, ResourceType.ApiGatewayStage, StageArn("dev"), "ProjectManagementAPI/dev", ResourceState.InSync, null),
            new ResourceAssessment(Policy, ResourceType.ApiGatewayStage, StageArn("prod"), "ProjectManagementAPI/prod", ResourceState.InSync, null),
        ],
        [new PlanNotice(Policy, "Alarm pruning ran: no orphaned alarms owned by this policy were found.")]);

    public static ApplyResult Apply() => new(
        [
            new ChangeOutcome(Tracing, ChangeStatus.Applied, null, null),
            new ChangeOutcome(Threshold, ChangeStatus.Applied, null, null),
            new ChangeOutcome(FailedAlarm, ChangeStatus.Failed, "LimitExceeded",
                "The maximum number of alarms for this account (5000) has been reached. Delete unused alarms or request a quota increase."),
            new ChangeOutcome(Dashboard, ChangeStatus.Pending, null, null),
        ],
        StopReason.Deadline);

    public static IReadOnlyList<ApiCallCount> Calls() =>
    [
        new("monitoring", "PutMetricAlarm", true, 2, 4, 2, 1, 1),
        new("lambda", "ListFunctions", false, 1, 1, 0, 0, 0),
        new("tagging", "GetResources", false, 2, 2, 0, 0, 0),
        new("lambda", "UpdateFunctionConfiguration", true, 1, 1, 0, 0, 0),
        new("apigateway", "GetRestApis", false, 1, 1, 0, 0, 0),
        new("apigateway", "GetStages", false, 1, 1, 0, 0, 0),
        new("monitoring", "DescribeAlarms", false, 1, 1, 0, 0, 0),
        new("monitoring", "GetDashboard", false, 1, 1, 0, 0, 0),
    ];

    public static RunReport Report(ApplyResult? apply = null, bool dryRun = false, IReadOnlyList<RunError>? errors = null) =>
        RunReportBuilder.Build(Context(dryRun), [PolicyOf()], Plan(), apply ?? Apply(), Calls(), errors ?? []);

    private static AlarmDefinition Alarm(string name) => new()
    {
        AlarmName = name,
        ComparisonOperator = "GreaterThanThreshold",
        EvaluationPeriods = 5,
        Threshold = 5,
    };
}
