using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

/// <summary>What the plan says when it could not see everything, or when there was nothing to see.</summary>
public class ObservationGapTests
{
    [Fact]
    public void CreatePlan_AlarmListingFailed_ResourcesWithAlarmRulesAreUnknownNotInSync()
    {
        var observation = Converged(Policy()) with { AlarmsComplete = false };

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        var selected = plan.Resources.Where(r => r.State != ResourceState.Excluded).ToList();
        Assert.NotEmpty(selected);
        Assert.All(selected, r => Assert.Equal(ResourceState.Unknown, r.State));
        Assert.All(selected, r => Assert.Contains("DescribeAlarms failed", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_AlarmListingFailedAndNoAlarmRules_TracingStateStands()
    {
        var policy = Policy() with { Alarms = Policy().Alarms with { Lambda = [], ApiGateway = [] }, Dashboard = null };
        var observation = Converged(policy) with { AlarmsComplete = false };

        var plan = Planner.CreatePlan([policy], observation, Options);

        Assert.All(plan.Resources, r => Assert.Equal(ResourceState.InSync, r.State));
    }

    [Fact]
    public void CreatePlan_SelectorMatchesNothing_NoticeNamesSelectorAndRegion()
    {
        var observation = Observe(scopes: [Scope(functions: [], stages: [])]);

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        var notice = Assert.Single(plan.Notices, n => n.Message.Contains("selects no resource", StringComparison.Ordinal));
        Assert.Contains($"in {Region}", notice.Message, StringComparison.Ordinal);
        Assert.Contains("spec.selector", notice.Message, StringComparison.Ordinal);
        Assert.Contains("dashboard AppMonitoringDashboard would graph nothing", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_IncompleteScopeWithNothingSeen_NoSelectsNothingNotice()
    {
        var observation = Observe(scopes: [Scope(functions: [], stages: [], complete: false, incompleteReason: "GetResources was throttled")]);

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.DoesNotContain(plan.Notices, n => n.Message.Contains("selects no resource", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_TwoApisWithOneName_PlanLinesNameTheApiIds()
    {
        var first = Stage("orders", "prod", tracing: false, restApiId: "aaa111") with { ApiNameShared = true };
        var second = Stage("orders", "prod", tracing: false, restApiId: "bbb222") with { ApiNameShared = true };
        var policy = TracingOnly(PolicyName, lambda: null, apiGateway: true);

        var plan = Planner.CreatePlan([policy], Observe(scopes: [Scope(functions: [], stages: [first, second])]), Options);

        Assert.Equal(["orders (aaa111)/prod", "orders (bbb222)/prod"], plan.Changes.Select(c => c.Target));
        Assert.Equal(["orders (aaa111)/prod", "orders (bbb222)/prod"], plan.Resources.Select(r => r.Name));
    }
}
