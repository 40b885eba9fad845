using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class AlarmOwnershipTests
{
    private const string Latency = "reconciler-project-management-ManageProjects-latency";

    private static ObservabilityPolicy LatencyOnly(bool adopt = false) => Policy() with
    {
        Alarms = Policy().Alarms with { Lambda = [LambdaLatencyRule], ApiGateway = [], Adopt = adopt },
        Dashboard = null,
    };

    private static Observation WithHandMadeAlarm(ObservabilityPolicy policy, string name, string? description)
    {
        var converged = Converged(policy);
        return converged.WithAlarms(converged.Alarms.Values.Select(a => a.AlarmName == name
            ? a with { AlarmDescription = description, Threshold = 1500 }
            : a));
    }

    [Fact]
    public void CreatePlan_NotOwnedAlarmWithExactName_NotOwnedConflictAndNoChange()
    {
        var plan = Planner.CreatePlan([LatencyOnly()], WithHandMadeAlarm(LatencyOnly(), Latency, "made by hand"), Options);

        Assert.Empty(plan.Changes);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((ConflictKind.NotOwned, Latency), (conflict.Kind, conflict.Target));
        Assert.Equal(["project-management"], conflict.Policies);
        Assert.Contains("spec.alarms.adopt: true", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Conflict, plan.Resources.Single(r => r.Name == "ManageProjects").State);
        Assert.False(plan.InSync);
    }

    [Fact]
    public void CreatePlan_NotOwnedAlarmAndAdopt_UpdateWithMarkerDiff()
    {
        var policy = LatencyOnly(adopt: true);

        var plan = Planner.CreatePlan([policy], WithHandMadeAlarm(policy, Latency, "made by hand"), Options);

        Assert.Empty(plan.Conflicts);
        var update = Assert.Single(plan.Changes);
        Assert.Equal((ChangeAction.Update, Latency), (update.Action, update.Target));
        var description = Assert.Single(update.Fields, f => f.Field == "description");
        Assert.Equal("made by hand", description.Before);
        Assert.EndsWith("[reconciler:owner=reconciler;policy=project-management]", description.After, StringComparison.Ordinal);
        Assert.Contains(update.Fields, f => f.Field == "threshold" && f.Before == "1500" && f.After == "2000");
    }

    [Fact]
    public void CreatePlan_AlarmMarkedByAnotherPolicy_NotOwnedConflictEvenWithAdopt()
    {
        var policy = LatencyOnly(adopt: true);

        var plan = Planner.CreatePlan([policy], WithHandMadeAlarm(policy, Latency, "x [reconciler:policy=someone-else]"), Options);

        Assert.Empty(plan.Changes);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal(ConflictKind.NotOwned, conflict.Kind);
        Assert.Contains("managed by policy someone-else", conflict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reconciler-project-management-ManageProjects-latency-old")]
    [InlineData("reconciler-project-management-ManageProjects-Latency")]
    [InlineData("reconciler-project-management-ManageProjects")]
    [InlineData("reconciler-project-management-UnknownFunction-latency")]
    public void CreatePlan_ForeignAlarmWithSimilarName_UntouchedAndNotMentioned(string foreignName)
    {
        var converged = Converged(LatencyOnly());
        var foreign = converged.Alarms[Latency] with { AlarmName = foreignName, AlarmDescription = "team alarm", Threshold = 1 };
        var observation = converged.WithAlarms([.. converged.Alarms.Values, foreign]);

        var plan = Planner.CreatePlan([LatencyOnly()], observation, Options);

        Assert.True(plan.InSync);
        Assert.DoesNotContain(plan.Notices, n => n.Message.Contains(foreignName, StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_TwoDesiredAlarmsRenderToOneName_NameCollisionAndNeitherPlanned()
    {
        // "My API" and "My_API" both render "My_API" in alarm names.
        var scope = Scope(functions: [], stages: [Stage("My API", "prod", restApiId: "aaa"), Stage("My_API", "prod", restApiId: "bbb")]);
        var policy = Policy() with { Alarms = Policy().Alarms with { ApiGateway = [ApiLatencyRule] }, Dashboard = null, Tracing = new TracingSpec(null, null) };

        var plan = Planner.CreatePlan([policy], Observe([scope]), Options);

        Assert.Empty(plan.Changes);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((ConflictKind.NameCollision, "reconciler-project-management-My_API/prod-latency"), (conflict.Kind, conflict.Target));
        Assert.Contains("My API/prod", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("My_API/prod", conflict.Reason, StringComparison.Ordinal);
        Assert.All(plan.Resources, r => Assert.Equal(ResourceState.Conflict, r.State));
    }

    [Fact]
    public void CreatePlan_CollidingNameExistsAndIsOwned_NotPruned()
    {
        var scope = Scope(functions: [], stages: [Stage("My API", "prod", restApiId: "aaa"), Stage("My_API", "prod", restApiId: "bbb")]);
        var policy = Policy() with { Alarms = Policy().Alarms with { ApiGateway = [ApiLatencyRule] }, Dashboard = null, Tracing = new TracingSpec(null, null) };
        var single = Planner.CreatePlan([policy], Observe([Scope(functions: [], stages: [Stage("My API", "prod", restApiId: "aaa")])]), Options);
        var existing = single.Changes.Select(c => c.Payload).OfType<PutAlarm>().Select(p => p.Alarm with { Tags = [] });

        var plan = Planner.CreatePlan([policy], Observe([scope], existing), Options);

        Assert.Empty(plan.Changes);
        Assert.Single(plan.Conflicts);
    }
}
