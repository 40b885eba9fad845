using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class RegionFidelityTests
{
    private const string EuTopic = "arn:aws:sns:eu-west-1:123456789012:ops-alerts-eu";
    private const string DashboardName = "AppMonitoringDashboard";

    private static ObservabilityPolicy WithActions(ObservabilityPolicy policy, string alarm, string? ok = null) =>
        policy with { Alarms = policy.Alarms with { Actions = new AlarmActions([alarm], ok is null ? [] : [ok], []) } };

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:123456789012:t", "us-east-1", null)]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:t", "us-east-1", "in Region eu-west-1")]
    [InlineData("arn:aws:automate:eu-west-1:ec2:stop", "us-east-1", "in Region eu-west-1")]
    [InlineData("arn:aws:sns:cn-north-1:123456789012:t", "cn-north-1", "in partition aws (Region cn-north-1), not aws-cn")]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:t", "cn-north-1", null)]
    [InlineData("arn:aws-us-gov:sns:us-gov-west-1:123456789012:t", "us-east-1", "in partition aws-us-gov (Region us-gov-west-1), not aws")]
    [InlineData("not-an-arn", "us-east-1", null)]
    public void Elsewhere_ArnAndRunRegion_SaysWhereWhenUnusable(string arn, string runRegion, string? expected)
    {
        Assert.Equal(expected, RegionFidelity.Elsewhere(arn, runRegion));
    }

    [Fact]
    public void CreatePlan_AlarmActionInAnotherRegion_ConflictPerAlarmAndNoPutAlarm()
    {
        var policy = WithActions(Policy(), EuTopic);

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Payload is PutAlarm);
        // 2 functions x 2 Lambda rules + 2 stages x 2 API rules.
        Assert.Equal(8, plan.Conflicts.Count(c => c.Kind == ConflictKind.OtherRegion));
        var conflict = Assert.Single(plan.Conflicts, c => c.Target == "reconciler-project-management-ManageProjects-error-rate");
        Assert.Equal([PolicyName], conflict.Policies);
        Assert.Contains($"{EuTopic} is in Region eu-west-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("this run is in us-east-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains(plan.Resources, r => r.Name == "ManageProjects" && r.State == ResourceState.Conflict);
    }

    [Fact]
    public void CreatePlan_OneOfSeveralActionsInAnotherRegion_NamesOnlyThatAction()
    {
        var policy = WithActions(Policy(), AlertsTopic, ok: EuTopic);

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Payload is PutAlarm);
        Assert.All(plan.Conflicts, c => Assert.DoesNotContain(AlertsTopic, c.Reason, StringComparison.Ordinal));
        Assert.All(plan.Conflicts, c => Assert.Contains(EuTopic, c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_AlarmActionInAnotherPartition_ConflictNamingThePartition()
    {
        var options = new PlanningOptions("reconciler", "cn-north-1", Account);
        var policy = WithActions(Policy(), "arn:aws:sns:cn-north-1:123456789012:ops-alerts");

        var plan = Planner.CreatePlan([policy], Observe(), options);

        Assert.DoesNotContain(plan.Changes, c => c.Payload is PutAlarm);
        Assert.NotEmpty(plan.Conflicts);
        Assert.All(plan.Conflicts.Where(c => c.Target != DashboardName), c => Assert.Contains("in partition aws (Region cn-north-1), not aws-cn", c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_OwnedAlarmDriftsButNewActionIsInAnotherRegion_NotUpdated()
    {
        var converged = Converged(Policy());
        var policy = WithActions(Policy(), EuTopic);

        var plan = Planner.CreatePlan([policy], converged, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Alarm);
        Assert.Equal(8, plan.Conflicts.Count(c => c.Kind == ConflictKind.OtherRegion));
    }

    [Fact]
    public void CreatePlan_ActionsInTheRunsRegion_AlarmsPlannedWithoutConflict()
    {
        var plan = Planner.CreatePlan([Policy()], Observe(), Options);

        Assert.Equal(8, plan.Changes.Count(c => c.Payload is PutAlarm));
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void CreatePlan_ReportTopicInAnotherRegion_NoticeNamesTopicAndBothRegions()
    {
        var policy = Policy() with { Report = new ReportSpec(EuTopic, ReportWhen.OnChange) };

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        var notice = Assert.Single(plan.Notices, n => n.Message.Contains(EuTopic, StringComparison.Ordinal));
        Assert.Contains("in Region eu-west-1", notice.Message, StringComparison.Ordinal);
        Assert.Contains("this run is in us-east-1", notice.Message, StringComparison.Ordinal);
        Assert.Contains("not published", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_ReportTopicInTheRunsRegion_NoNotice()
    {
        var policy = Policy() with { Report = new ReportSpec(AlertsTopic, ReportWhen.OnChange) };

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        Assert.DoesNotContain(plan.Notices, n => n.Message.Contains(AlertsTopic, StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_OwnDashboardRenderedForAnotherRegion_ConflictAndNotOverwritten()
    {
        // us-east-1 wrote the dashboard; the same deployment and policy now run in eu-west-1.
        var written = Converged(Policy());
        var policy = WithActions(Policy(), EuTopic);
        var eu = new PlanningOptions("reconciler", "eu-west-1", Account);

        var plan = Planner.CreatePlan([policy], written, eu);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Dashboard);
        var conflict = Assert.Single(plan.Conflicts, c => c.Target == DashboardName);
        Assert.Equal(ConflictKind.OtherRegion, conflict.Kind);
        Assert.Contains($"The dashboard {DashboardName} is global to the account and was written by the deployment in us-east-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("this run is in eu-west-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("give each Region its own dashboard name", conflict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_OwnDashboardRenderedForThisRegion_UpdatedWithoutConflict()
    {
        var written = Converged(Policy());
        var fewer = Policy() with { Dashboard = Dashboard with { Widgets = [.. Dashboard.Widgets.Take(2)] } };

        var plan = Planner.CreatePlan([fewer], written, Options);

        Assert.Single(plan.Changes, c => c.Kind == ChangeKind.Dashboard && c.Action == ChangeAction.Update);
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void CreatePlan_UnmarkedDashboardOfAnotherRegionAdopted_Updated()
    {
        const string handMade = """{"widgets":[{"type":"metric","x":0,"y":0,"width":12,"height":6,"properties":{"region":"eu-west-1","metrics":[["AWS/Lambda","Errors"]]}}]}""";
        var policy = Policy() with { Alarms = Policy().Alarms with { Adopt = true } };
        var observation = Observe(dashboards: new Dictionary<string, ObservedDashboard?> { [DashboardName] = new(DashboardName, handMade) });

        var plan = Planner.CreatePlan([policy], observation, Options);

        Assert.Single(plan.Changes, c => c.Kind == ChangeKind.Dashboard && c.Action == ChangeAction.Update);
        Assert.DoesNotContain(plan.Conflicts, c => c.Target == DashboardName);
    }
}
