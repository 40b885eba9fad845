using Reconciler.Planning;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

/// <summary>
/// Two deployments in one account whose prefixes overlap ("reconciler" lists "reconciler-eu-…" too), markers written
/// before ownership named the deployment, and policies left out of a run.
/// </summary>
public class DeploymentOwnershipTests
{
    private static readonly PlanningOptions Eu = Options with { AlarmNamePrefix = "reconciler-eu" };

    /// <summary>The account after the "reconciler-eu" deployment converged the example policy.</summary>
    private static Observation ConvergedByEu()
    {
        var observation = Observe(scopes: [Scope()]);
        return Converge(observation, Planner.CreatePlan([Policy()], observation, Eu));
    }

    [Fact]
    public void CreatePlan_AlarmsOfDeploymentWithLongerPrefix_NeitherDeletedNorMentioned()
    {
        var euAlarms = ConvergedByEu().Alarms.Values.ToList();
        var observation = Converged(Policy());
        observation = observation.WithAlarms([.. observation.Alarms.Values, .. euAlarms]);

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.True(plan.InSync, WantGot([], plan.Changes.Select(Describe)));
        Assert.DoesNotContain(plan.Notices, n => n.Message.Contains("reconciler-eu", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_LegacyMarkersOfDeploymentWithLongerPrefix_NotDeleted()
    {
        // Both deployments ran a version whose marker was "[reconciler:policy=…]": the name tells them apart.
        var euLegacy = ConvergedByEu().Alarms.Values
            .Select(a => a with { AlarmDescription = "Rule x. [reconciler:policy=project-management]" })
            .ToList();
        var observation = Converged(Policy());
        observation = observation.WithAlarms([.. observation.Alarms.Values, .. euLegacy]);

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.True(plan.InSync, WantGot([], plan.Changes.Select(Describe)));
    }

    [Fact]
    public void CreatePlan_OwnLegacyMarker_UpdatedInPlaceWithLegacyOwnershipCheck()
    {
        var converged = Converged(Policy());
        var name = "reconciler-project-management-ManageProjects-latency";
        var legacy = converged.WithAlarms(converged.Alarms.Values.Select(a => a.AlarmName == name
            ? a with { AlarmDescription = "Rule latency. [reconciler:policy=project-management]" }
            : a));

        var plan = Planner.CreatePlan([Policy()], legacy, Options);

        var update = Assert.Single(plan.Changes);
        Assert.Equal((ChangeAction.Update, name), (update.Action, update.Target));
        Assert.Equal(new OwnershipClaim("project-management", null), update.OwnershipCheck?.Claim);
        Assert.EndsWith("[reconciler:owner=reconciler;policy=project-management]", Assert.Single(update.Fields).After, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_OwnLegacyOrphan_NotDeletedAndNotice()
    {
        var converged = Converged(Policy());
        var orphan = converged.Alarms["reconciler-project-management-UploadFile-latency"] with
        {
            AlarmDescription = "Rule latency. [reconciler:policy=project-management]",
        };
        var observation = converged with { Scopes = [Scope(functions: [Function("ManageProjects")])] };
        observation = observation.WithAlarms([.. observation.Alarms.Values.Where(a => !a.AlarmName.Contains("UploadFile", StringComparison.Ordinal)), orphan]);

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Action == ChangeAction.Delete);
        var notice = Assert.Single(plan.Notices, n => n.Message.Contains("earlier version", StringComparison.Ordinal));
        Assert.Contains("reconciler-project-management-UploadFile-latency", notice.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it by hand", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_DesiredNameMarkedByOtherDeployment_NotOwnedConflictNamingIt()
    {
        var converged = Converged(Policy());
        var name = "reconciler-project-management-ManageProjects-latency";
        var observation = converged.WithAlarms(converged.Alarms.Values.Select(a => a.AlarmName == name
            ? a with { AlarmDescription = OwnershipMarker.AlarmDescription("reconciler-x", "project-management", "Copy."), Threshold = 1 }
            : a));

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Alarm);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((ConflictKind.NotOwned, name), (conflict.Kind, conflict.Target));
        Assert.Contains("of another deployment of the reconciler (the deployment with owner id reconciler-x)", conflict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_OrphansOfPolicyLeftOutOfRun_NeitherDeletedNorCalledNotLoaded()
    {
        var other = Policy("billing") with { Dashboard = null };
        var observation = Converged(Policy(), other) with { Scopes = [Scope()] };

        var plan = Planner.CreatePlan([Policy()], observation, Options with { PoliciesOutsideRun = new HashSet<string>(["billing"]) });

        Assert.True(plan.InSync, WantGot([], plan.Changes.Select(Describe)));
        Assert.Empty(plan.Notices);
    }

    [Fact]
    public void CreatePlan_UpdatesAndDeletesOfMarkedObjects_CarryOwnershipCheck()
    {
        var converged = Converged(Policy());
        var observation = converged with { Scopes = [Scope(functions: [Function("ManageProjects")])] };
        var latency = "reconciler-project-management-ManageProjects-latency";
        observation = observation.WithAlarms(observation.Alarms.Values.Select(a => a.AlarmName == latency ? a with { Threshold = 1 } : a));

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.NotEmpty(plan.Changes);
        Assert.All(plan.Changes, change => Assert.Equal(new OwnershipClaim("project-management", "reconciler"), change.OwnershipCheck?.Claim));
        Assert.Equal(
            [.. plan.Changes.Select(c => c.ResourceArn!).Distinct().Order(StringComparer.Ordinal)],
            OwnershipProof.ArnsToRead(plan));
    }
}
