using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class PruningTests
{
    /// <summary>An account converged for the example, after UploadFile left the policy's scope.</summary>
    private static Observation UploadFileGone(bool alarmsComplete = true, bool scopeComplete = true)
    {
        var converged = Converged(Policy());
        return converged with
        {
            AlarmsComplete = alarmsComplete,
            Scopes = [Scope(functions: [Function("ManageProjects")], complete: scopeComplete, incompleteReason: scopeComplete ? null : "ListFunctions was throttled on page 3")],
        };
    }

    [Fact]
    public void CreatePlan_OwnedOrphanAndCompleteObservation_Delete()
    {
        var plan = Planner.CreatePlan([Policy()], UploadFileGone(), Options);

        AssertLines(
            [
                "project-management Dashboard Update AppMonitoringDashboard enforced=True",
                "project-management Alarm Delete reconciler-project-management-UploadFile-error-rate enforced=True",
                "project-management Alarm Delete reconciler-project-management-UploadFile-latency enforced=True",
            ],
            plan.Changes.Select(Describe));
        var delete = plan.Changes.First(c => c.Action == ChangeAction.Delete);
        Assert.Equal(new DeleteAlarm("reconciler-project-management-UploadFile-error-rate"), delete.Payload);
        Assert.All(delete.Fields, f => Assert.Null(f.After));
    }

    [Theory]
    [InlineData(false, true, "the alarm listing (DescribeAlarms) failed or was cut short")]
    [InlineData(true, false, "ListFunctions was throttled on page 3")]
    [InlineData(false, false, "the alarm listing (DescribeAlarms) failed or was cut short")]
    public void CreatePlan_OwnedOrphanAndIncompleteObservation_NoDeleteAndNotice(bool alarmsComplete, bool scopeComplete, string wantReason)
    {
        var plan = Planner.CreatePlan([Policy()], UploadFileGone(alarmsComplete, scopeComplete), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Action == ChangeAction.Delete);
        var notice = Assert.Single(plan.Notices, n => n.Message.StartsWith("Pruning skipped", StringComparison.Ordinal));
        Assert.Equal("project-management", notice.PolicyName);
        Assert.Contains(wantReason, notice.Message, StringComparison.Ordinal);
        Assert.Contains("reconciler-project-management-UploadFile-latency", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_NoScopeForPolicy_NothingPrunedAndNotice()
    {
        var observation = Converged(Policy()) with { Scopes = [] };

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Action == ChangeAction.Delete);
        Assert.Contains(plan.Notices, n => n.Message.StartsWith("Discovery returned no scope for policy project-management", StringComparison.Ordinal));
        Assert.Contains(plan.Notices, n => n.Message.Contains("because discovery returned no scope for this policy", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_OrphansOfUnloadedPolicy_NeverDeletedAndNotice()
    {
        // The account was converged by two policies; this run loaded only one (a half-deployed policy directory).
        var other = Policy("billing") with { Dashboard = null };
        var observation = Converged(Policy(), other);

        var plan = Planner.CreatePlan([Policy()], observation with { Scopes = [Scope()] }, Options);

        Assert.True(plan.InSync, WantGot([], plan.Changes.Select(Describe)));
        var notice = Assert.Single(plan.Notices);
        Assert.Equal("billing", notice.PolicyName);
        Assert.StartsWith("8 owned alarms carry the marker of policy billing, which is not loaded", notice.Message, StringComparison.Ordinal);
        Assert.Contains("and 3 more", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_AuditPolicyOrphan_DeletePlannedNotEnforced()
    {
        var audit = Policy() with { Mode = PolicyMode.Audit };

        var plan = Planner.CreatePlan([audit], UploadFileGone(), Options);

        Assert.Contains(plan.Changes, c => c.Action == ChangeAction.Delete);
        Assert.All(plan.Changes, c => Assert.False(c.Enforced));
    }

    [Fact]
    public void CreatePlan_ResourceNewlyExcluded_ItsAlarmsArePruned()
    {
        var converged = Converged(Policy());
        var observation = converged with
        {
            Scopes = [Scope(functions: [Function("ManageProjects"), Function("UploadFile", tags: new() { ["app"] = "project-management", ["env"] = "prod", ["observability:ignore"] = "true" })])],
        };

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        AssertLines(
            ["reconciler-project-management-UploadFile-error-rate", "reconciler-project-management-UploadFile-latency"],
            plan.Changes.Where(c => c.Action == ChangeAction.Delete).Select(c => c.Target));
    }
}
