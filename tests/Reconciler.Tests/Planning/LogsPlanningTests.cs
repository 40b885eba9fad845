using Reconciler.Kinds.Dashboards;
using Reconciler.Kinds.FunctionLogging;
using Reconciler.Kinds.LogRetention;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

/// <summary>The two logs kinds through the whole planner: log group retention and Lambda LoggingConfig.</summary>
public class LogsPlanningTests
{
    private static ObservabilityPolicy LogsPolicy(string name = PolicyName, int? retention = 30, LambdaLogFormat? format = null, PolicyMode mode = PolicyMode.Enforce) =>
        (TracingOnly(name, null, null) with { Mode = mode }).WithSection(new LogsSpec(retention, format, null, null));

    private static Observation WithGroups(Observation observation, params ObservedLogGroup?[] groups) =>
        observation.WithSlot(new ObservedLogGroups(groups.Where(g => g is not null).ToDictionary(g => g!.Name, g => g, StringComparer.Ordinal)));

    private static Observation Functions(params ObservedFunction[] functions) => Observe([Scope(functions: functions, stages: [])]);

    [Fact]
    public void CreatePlan_MissingGroup_CreatesItTaggedWithTheRetentionAndSaysSoInThePlan()
    {
        var observation = Functions(Function("ManageProjects"))
            .WithSlot(new ObservedLogGroups(new Dictionary<string, ObservedLogGroup?> { ["/aws/lambda/ManageProjects"] = null }));

        var plan = Planner.CreatePlan([LogsPolicy()], observation, Options);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeAction.Create, change.Action);
        var create = Assert.IsType<CreateLogGroup>(change.Payload);
        Assert.Equal(("/aws/lambda/ManageProjects", 30), (create.LogGroupName, create.RetentionDays));
        Assert.Contains(create.Tags, tag => tag.Key == OwnershipMarker.PolicyTagKey && tag.Value == PolicyName);
        Assert.Equal($"arn:aws:logs:{Region}:{Account}:log-group:/aws/lambda/ManageProjects", change.ResourceArn);
        Assert.Null(change.Caution);
        Assert.Contains("  + log group /aws/lambda/ManageProjects  retention: 30 days\n", PlanTextRenderer.Render(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_NeverExpiringGroup_UpdatesItAndThePlanWarnsThatOldLogsAreDeleted()
    {
        var observation = WithGroups(Functions(Function("ManageProjects")), new ObservedLogGroup("/aws/lambda/ManageProjects", null, null));

        var plan = Planner.CreatePlan([LogsPolicy()], observation, Options);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(new SetLogRetention("/aws/lambda/ManageProjects", 30), change.Payload);
        var text = PlanTextRenderer.Render(plan);
        Assert.Contains("  ~ log group /aws/lambda/ManageProjects  retention: never -> 30 days\n", text, StringComparison.Ordinal);
        Assert.Contains("      ! deletes log data: CloudWatch Logs removes the events of\n        /aws/lambda/ManageProjects older than 30 days (today they never expire)\n", text, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Drifted, Assert.Single(plan.Resources).State);
    }

    [Fact]
    public void CreatePlan_LongerRetention_CarriesNoCaution()
    {
        var observation = WithGroups(Functions(Function("ManageProjects")), new ObservedLogGroup("/aws/lambda/ManageProjects", null, 7));

        var change = Assert.Single(Planner.CreatePlan([LogsPolicy()], observation, Options).Changes);

        Assert.Null(change.Caution);
    }

    [Fact]
    public void CreatePlan_CustomLogGroup_IsTheOneManaged()
    {
        var function = Function("ManageProjects") with { Logging = ObservedLogging.DefaultFor("ManageProjects") with { LogGroup = "/teams/pm/app" } };
        var observation = WithGroups(Functions(function), new ObservedLogGroup("/teams/pm/app", "arn:aws:logs:us-east-1:123456789012:log-group:/teams/pm/app", 365));

        var change = Assert.Single(Planner.CreatePlan([LogsPolicy()], observation, Options).Changes);

        Assert.Equal("/teams/pm/app", change.Target);
        Assert.Equal(new SetLogRetention("/teams/pm/app", 30), change.Payload);
    }

    [Fact]
    public void CreatePlan_SharedGroupPoliciesWantDifferentRetentions_ConflictNeitherApplied()
    {
        var shared = ObservedLogging.DefaultFor("a") with { LogGroup = "/shared/orders" };
        var observation = WithGroups(
            Observe([
                Scope("team-a", [Function("orders-a", tags: AppTags()) with { Logging = shared }], []),
                Scope("team-b", [Function("orders-b", tags: AppTags()) with { Logging = shared }], []),
            ]),
            new ObservedLogGroup("/shared/orders", null, null));

        var plan = Planner.CreatePlan([LogsPolicy("team-a", 30), LogsPolicy("team-b", 90)], observation, Options);

        Assert.Empty(plan.Changes);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal(("/shared/orders", ChangeKind.LogRetention), (conflict.Target, conflict.TargetKind));
        Assert.Equal(["team-a", "team-b"], conflict.Policies);
        Assert.All(plan.Resources, resource => Assert.Equal(ResourceState.Conflict, resource.State));
    }

    [Fact]
    public void CreatePlan_GroupNotObserved_NoChangeAndTheFunctionIsUnknown()
    {
        var plan = Planner.CreatePlan([LogsPolicy()], Functions(Function("ManageProjects")), Options);

        Assert.Empty(plan.Changes);
        var resource = Assert.Single(plan.Resources);
        Assert.Equal(ResourceState.Unknown, resource.State);
        Assert.Contains("log group /aws/lambda/ManageProjects could not be listed", resource.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_AuditPolicy_PlansTheRetentionButDoesNotEnforceIt()
    {
        var observation = WithGroups(Functions(Function("ManageProjects")), new ObservedLogGroup("/aws/lambda/ManageProjects", null, 90));

        var change = Assert.Single(Planner.CreatePlan([LogsPolicy(mode: PolicyMode.Audit)], observation, Options).Changes);

        Assert.False(change.Enforced);
    }

    [Fact]
    public void CreatePlan_TracingAndLoggingDriftOnOneFunction_TwoChangesThePlanShowsBoth()
    {
        var policy = LogsPolicy(retention: null, format: LambdaLogFormat.Json) with { Tracing = new TracingSpec(LambdaTracingMode.Active, null) };
        var observation = Functions(Function("ManageProjects", LambdaTracingMode.PassThrough));

        var plan = Planner.CreatePlan([policy], observation, Options);

        Assert.Equal([ChangeKind.FunctionTracing, ChangeKind.FunctionLogging], plan.Changes.Select(c => c.Kind));
        Assert.IsType<SetFunctionLogging>(plan.Changes[1].Payload);
        var text = PlanTextRenderer.Render(plan);
        Assert.Contains("  ~ lambda ManageProjects  tracing: PassThrough -> Active\n  ~ lambda ManageProjects  logFormat: Text -> JSON\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_LogsUnmanaged_NoLogsChangeAndNoLogGroupNeeded()
    {
        var plan = Planner.CreatePlan([TracingOnly(PolicyName, LambdaTracingMode.Active, null)], Functions(Function("ManageProjects")), Options);

        Assert.Empty(plan.Changes);
        Assert.Equal(ResourceState.InSync, Assert.Single(plan.Resources).State);
    }

    [Fact]
    public void CreatePlan_LogsWidget_QueriesTheRecentErrorsOfEveryFunctionsLogGroup()
    {
        var custom = Function("UploadFile") with { Logging = ObservedLogging.DefaultFor("UploadFile") with { LogGroup = "/teams/pm/upload" } };
        var policy = Policy() with { Dashboard = new DashboardSpec("AppMonitoringDashboard", [new WidgetSpec("Recent errors", WidgetType.Logs, null, [], string.Empty)]) };
        var observation = Observe([Scope(functions: [Function("ManageProjects"), custom], stages: [])]);

        var plan = Planner.CreatePlan([policy with { Alarms = TracingOnly(PolicyName, null, null).Alarms }], observation, Options);

        var body = ((Reconciler.Kinds.Dashboards.PutDashboard)Assert.Single(plan.Changes, c => c.Kind == ChangeKind.Dashboard).Payload).Body;
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var widget = document.RootElement.GetProperty("widgets")[1];
        Assert.Equal("log", widget.GetProperty("type").GetString());
        Assert.Equal(
            "SOURCE '/aws/lambda/ManageProjects' | SOURCE '/teams/pm/upload' | fields @timestamp, @log, @message\n"
            + "| filter level in [\"ERROR\", \"FATAL\"] or @message like /ERROR|FATAL|Task timed out/\n| sort @timestamp desc\n| limit 50",
            widget.GetProperty("properties").GetProperty("query").GetString());
    }

    [Fact]
    public void RecentErrorsQuery_MoreThanFiftyFunctions_SplitsIntoWidgetsOfFiftyLogGroups()
    {
        var functions = Enumerable.Range(0, 51).Select(i => Function($"f{i:D2}")).ToList();
        var policy = Policy() with { Dashboard = new DashboardSpec("D", [new WidgetSpec("Recent errors", WidgetType.Logs, null, [], string.Empty)]), Alarms = TracingOnly(PolicyName, null, null).Alarms };
        var observation = Observe([Scope(functions: functions, stages: [])], dashboards: new Dictionary<string, ObservedDashboard?> { ["D"] = null });

        var plan = Planner.CreatePlan([policy], observation, Options);

        var body = ((Reconciler.Kinds.Dashboards.PutDashboard)Assert.Single(plan.Changes, c => c.Kind == ChangeKind.Dashboard).Payload).Body;
        Assert.Contains("\"title\":\"Recent errors (1/2)\"", body, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Recent errors (2/2)\"", body, StringComparison.Ordinal);
    }
}
