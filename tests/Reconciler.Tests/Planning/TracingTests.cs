using Reconciler.Kinds.FunctionTracing;
using Reconciler.Kinds.StageTracing;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class TracingTests
{
    public static TheoryData<string?, string, string?> FunctionCases => new()
    {
        { nameof(LambdaTracingMode.Active), nameof(LambdaTracingMode.PassThrough), "tracing: PassThrough -> Active" },
        { nameof(LambdaTracingMode.PassThrough), nameof(LambdaTracingMode.Active), "tracing: Active -> PassThrough" },
        { nameof(LambdaTracingMode.Active), nameof(LambdaTracingMode.Active), null },
        { null, nameof(LambdaTracingMode.PassThrough), null },
    };

    [Theory]
    [MemberData(nameof(FunctionCases))]
    public void CreatePlan_FunctionTracing_UpdateOnlyWhenManagedAndDifferent(string? desiredName, string observedName, string? wantField)
    {
        LambdaTracingMode? desired = desiredName is null ? null : Enum.Parse<LambdaTracingMode>(desiredName);
        var observed = Enum.Parse<LambdaTracingMode>(observedName);
        var policy = TracingOnly(PolicyName, desired, null);
        var observation = Observe([Scope(functions: [Function("ManageProjects", observed)], stages: [])]);

        var plan = Planner.CreatePlan([policy], observation, Options);

        if (wantField is null)
        {
            Assert.True(plan.InSync);
            Assert.Equal(ResourceState.InSync, Assert.Single(plan.Resources).State);
            return;
        }

        var change = Assert.Single(plan.Changes);
        Assert.Equal((ChangeKind.FunctionTracing, ChangeAction.Update, "ManageProjects"), (change.Kind, change.Action, change.Target));
        Assert.Equal(wantField, Describe(Assert.Single(change.Fields)));
        Assert.Equal(new SetFunctionTracing("ManageProjects", desired!.Value), change.Payload);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:ManageProjects", change.ResourceArn);
        var resource = Assert.Single(plan.Resources);
        Assert.Equal(ResourceState.Drifted, resource.State);
        Assert.Equal(wantField, resource.Reason);
    }

    [Theory]
    [InlineData(true, false, "tracingEnabled: false -> true")]
    [InlineData(false, true, "tracingEnabled: true -> false")]
    [InlineData(true, true, null)]
    [InlineData(null, false, null)]
    public void CreatePlan_StageTracing_UpdateOnlyWhenManagedAndDifferent(bool? desired, bool observed, string? wantField)
    {
        var policy = TracingOnly(PolicyName, null, desired);
        var observation = Observe([Scope(functions: [], stages: [Stage("ProjectManagementAPI", "prod", observed)])]);

        var plan = Planner.CreatePlan([policy], observation, Options);

        AssertLines(wantField is null ? [] : [wantField], plan.Changes.SelectMany(c => c.Fields).Select(Describe));
        if (wantField is not null)
        {
            Assert.Equal(new SetStageTracing("a1b2c3d4e5", "prod", desired!.Value), plan.Changes[0].Payload);
            Assert.Equal("ProjectManagementAPI/prod", plan.Changes[0].Target);
        }
    }

    [Fact]
    public void CreatePlan_TwoPoliciesDisagree_ConflictNamingBothAndNoChange()
    {
        var active = TracingOnly("team-a", LambdaTracingMode.Active, true);
        var passThrough = TracingOnly("team-b", LambdaTracingMode.PassThrough, true);
        var observation = Observe([
            Scope("team-a", [Function("ManageProjects", LambdaTracingMode.PassThrough)], [Stage("ProjectManagementAPI", "prod", false)]),
            Scope("team-b", [Function("ManageProjects", LambdaTracingMode.PassThrough)], []),
        ]);

        var plan = Planner.CreatePlan([passThrough, active], observation, Options);

        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((ConflictKind.PoliciesDisagree, "ManageProjects"), (conflict.Kind, conflict.Target));
        Assert.Equal(["team-a", "team-b"], conflict.Policies);
        Assert.Contains("policy team-a (policies/team-a.yaml) wants Active, policy team-b (policies/team-b.yaml) wants PassThrough", conflict.Reason, StringComparison.Ordinal);
        // The stage only team-a selects is still corrected.
        Assert.Equal(ChangeKind.StageTracing, Assert.Single(plan.Changes).Kind);
        Assert.All(plan.Resources.Where(r => r.Name == "ManageProjects"), r => Assert.Equal(ResourceState.Conflict, r.State));
    }

    [Fact]
    public void CreatePlan_TwoPoliciesAgree_OneChangeAttributedToTheEnforcingPolicy()
    {
        var audit = TracingOnly("a-audit", LambdaTracingMode.Active, null) with { Mode = PolicyMode.Audit };
        var enforce = TracingOnly("b-enforce", LambdaTracingMode.Active, null);
        var observation = Observe([
            Scope("a-audit", [Function("ManageProjects", LambdaTracingMode.PassThrough)], []),
            Scope("b-enforce", [Function("ManageProjects", LambdaTracingMode.PassThrough)], []),
        ]);

        var plan = Planner.CreatePlan([audit, enforce], observation, Options);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(("b-enforce", true), (change.PolicyName, change.Enforced));
        Assert.All(plan.Resources, r => Assert.Equal(ResourceState.Drifted, r.State));
    }

    [Fact]
    public void CreatePlan_AuditMode_ChangesPlannedNotEnforced()
    {
        var audit = Policy() with { Mode = PolicyMode.Audit };
        var observation = Observe([Scope(functions: [Function("ManageProjects", LambdaTracingMode.PassThrough)])]);

        var plan = Planner.CreatePlan([audit], observation, Options);

        Assert.Contains(plan.Changes, c => c.Kind == ChangeKind.FunctionTracing);
        Assert.Contains(plan.Changes, c => c.Kind == ChangeKind.Alarm);
        Assert.Contains(plan.Changes, c => c.Kind == ChangeKind.Dashboard);
        Assert.All(plan.Changes, c => Assert.False(c.Enforced));
    }
}
