using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class PlannerTests
{
    [Fact]
    public void CreatePlan_ConvergedAccount_EmptyPlanAndEveryResourceInSync()
    {
        var plan = Planner.CreatePlan([Policy()], Converged(Policy()), Options);

        Assert.True(plan.InSync, WantGot([], plan.Changes.Select(c => Describe(c) + " " + string.Join("; ", c.Fields.Select(Describe)))));
        Assert.Empty(plan.Notices);
        AssertLines(
            [
                "LambdaFunction ManageProjects InSync",
                "LambdaFunction UploadFile InSync",
                "ApiGatewayStage ProjectManagementAPI/dev InSync",
                "ApiGatewayStage ProjectManagementAPI/prod InSync",
            ],
            plan.Resources.Select(r => $"{r.Type} {r.Name} {r.State}"));
    }

    [Fact]
    public void CreatePlan_EmptyAccount_ChangesInApplyOrder()
    {
        var observation = Observe([Scope(
            functions: [Function("UploadFile", LambdaTracingMode.PassThrough), Function("ManageProjects", LambdaTracingMode.PassThrough)],
            stages: [Stage("ProjectManagementAPI", "prod", false)])]);
        var stale = DesiredAlarms(Policy())["reconciler-project-management-ManageProjects-latency"] with
        {
            AlarmName = "reconciler-project-management-Retired-latency",
            Tags = [],
        };

        var plan = Planner.CreatePlan([Policy()], observation.WithAlarms([stale]), Options);

        AssertLines(
            [
                "project-management FunctionTracing Update ManageProjects enforced=True",
                "project-management FunctionTracing Update UploadFile enforced=True",
                "project-management StageTracing Update ProjectManagementAPI/prod enforced=True",
                "project-management Alarm Create reconciler-project-management-ManageProjects-error-rate enforced=True",
                "project-management Alarm Create reconciler-project-management-ManageProjects-latency enforced=True",
                "project-management Alarm Create reconciler-project-management-ProjectManagementAPI/prod-5xx-rate enforced=True",
                "project-management Alarm Create reconciler-project-management-ProjectManagementAPI/prod-latency enforced=True",
                "project-management Alarm Create reconciler-project-management-UploadFile-error-rate enforced=True",
                "project-management Alarm Create reconciler-project-management-UploadFile-latency enforced=True",
                "project-management Dashboard Create AppMonitoringDashboard enforced=True",
                "project-management Alarm Delete reconciler-project-management-Retired-latency enforced=True",
            ],
            plan.Changes.Select(Describe));
        Assert.All(plan.Resources, r => Assert.Equal(ResourceState.Drifted, r.State));
    }

    [Fact]
    public void CreatePlan_PoliciesInAnyOrder_SamePlan()
    {
        var a = Policy("alpha") with { Dashboard = Policy().Dashboard! with { Name = "Alpha" } };
        var b = Policy("beta") with { Dashboard = Policy().Dashboard! with { Name = "Beta" } };
        var observation = Observe([Scope("beta"), Scope("alpha")], dashboards: new Dictionary<string, ObservedDashboard?> { ["Alpha"] = null, ["Beta"] = null });

        var first = Planner.CreatePlan([a, b], observation, Options);
        var second = Planner.CreatePlan([b, a], observation, Options);

        AssertLines(first.Changes.Select(Describe), second.Changes.Select(Describe));
        AssertLines(first.Resources.Select(r => r.ToString()), second.Resources.Select(r => r.ToString()));
    }

    [Fact]
    public void CreatePlan_AfterApplyingItsOwnPlan_Converges()
    {
        var observation = Observe([Scope(functions: [Function("ManageProjects", LambdaTracingMode.PassThrough), Function("legacy-job")])]);
        var first = Planner.CreatePlan([Policy()], observation, Options);

        var second = Planner.CreatePlan([Policy()], Converge(observation, first), Options);

        Assert.NotEmpty(first.Changes);
        Assert.True(second.InSync, WantGot([], second.Changes.Select(Describe)));
    }
}
