using Reconciler.Kinds.TraceGroups;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.TraceGroups;

/// <summary>The X-Ray group kind through the whole planner.</summary>
public class TraceGroupPlanningTests
{
    private const string GroupName = "reconciler-project-management";
    private const string GroupArn = "arn:aws:xray:us-east-1:123456789012:group/reconciler-project-management/ABC";

    private static ObservabilityPolicy GroupPolicy(bool wanted = true, string name = PolicyName) =>
        TracingOnly(name, LambdaTracingMode.Active, true).WithSection(new TraceGroupSpec(wanted));

    private static Observation Listed(Observation observation, params ObservedTraceGroup[] groups) =>
        observation.WithSlot(new ObservedTraceGroups(true, groups.ToDictionary(g => g.Name, StringComparer.Ordinal)));

    private static ObservedTraceGroup Owned(string? filter, string policy = PolicyName) =>
        new(XRayNaming.For("reconciler", policy), GroupArn, filter, new Dictionary<string, string>
        {
            [OwnershipMarker.ManagedByTagKey] = OwnershipMarker.ManagerName,
            [OwnershipMarker.OwnerTagKey] = "reconciler",
            [OwnershipMarker.PolicyTagKey] = policy,
        });

    private static string FilterOf(params string[] functions) =>
        TraceGroupFilter.For(functions.Select(f => Function(f)), []).Expression!;

    [Fact]
    public void CreatePlan_PolicyAsksForAGroup_CreatesItTaggedWithItsFunctionsAndStages()
    {
        var plan = Planner.CreatePlan([GroupPolicy()], Listed(Observe()), Options);

        var change = Assert.Single(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        var create = Assert.IsType<CreateTraceGroup>(change.Payload);
        Assert.Equal(GroupName, create.GroupName);
        Assert.Equal(
            "service(id(name: \"ManageProjects\", type: \"AWS::Lambda::Function\")) OR service(id(name: \"UploadFile\", type: \"AWS::Lambda::Function\")) OR service(id(name: \"ProjectManagementAPI/dev\", type: \"AWS::ApiGateway::Stage\")) OR service(id(name: \"ProjectManagementAPI/prod\", type: \"AWS::ApiGateway::Stage\"))",
            create.FilterExpression);
        Assert.Contains(create.Tags, tag => tag.Key == OwnershipMarker.PolicyTagKey && tag.Value == PolicyName);
        Assert.Contains(create.Tags, tag => tag.Key == OwnershipMarker.OwnerTagKey && tag.Value == "reconciler");
        Assert.True(change.Enforced);
        Assert.Contains($"  + xray group {GroupName}\n        filterExpression: service(id(name: \"ManageProjects\", type:\n", PlanTextRenderer.Render(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_AFunctionJoinedTheScope_UpdatesTheFilterExpression()
    {
        var observation = Listed(Observe([Scope(functions: [Function("ManageProjects"), Function("UploadFile")], stages: [])]), Owned(FilterOf("ManageProjects")));

        var change = Assert.Single(Planner.CreatePlan([GroupPolicy()], observation, Options).Changes, c => c.Kind == ChangeKind.TraceGroup);

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(new UpdateTraceGroup(GroupName, GroupArn, FilterOf("ManageProjects", "UploadFile")), change.Payload);
        Assert.Equal(GroupArn, change.ResourceArn);
    }

    [Fact]
    public void CreatePlan_GroupInSync_PlansNothingForIt()
    {
        var observation = Listed(Observe([Scope(functions: [Function("ManageProjects")], stages: [])]), Owned(FilterOf("ManageProjects")));

        Assert.DoesNotContain(Planner.CreatePlan([GroupPolicy()], observation, Options).Changes, c => c.Kind == ChangeKind.TraceGroup);
    }

    [Fact]
    public void CreatePlan_PolicyNoLongerAsks_DeletesItsOwnedGroupLast()
    {
        var observation = Listed(Observe([Scope(functions: [Function("ManageProjects")], stages: [])]), Owned(FilterOf("ManageProjects")));

        var plan = Planner.CreatePlan([GroupPolicy(wanted: false)], observation, Options);

        var change = Assert.Single(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Equal(ChangeAction.Delete, change.Action);
        Assert.Equal(new DeleteTraceGroup(GroupName, GroupArn), change.Payload);
        Assert.Same(change, plan.Changes[^1]);
    }

    [Fact]
    public void CreatePlan_GroupOfAPolicyThatIsNotLoaded_IsKeptWithANotice()
    {
        var observation = Listed(Observe(), Owned(FilterOf("Gone"), policy: "retired"));

        var plan = Planner.CreatePlan([GroupPolicy(wanted: false)], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Contains(plan.Notices, n => n.PolicyName == "retired" && n.Message.Contains("which is not loaded, so it is left in place", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_ForeignGroupWithTheName_IsAConflictAndUntouched()
    {
        var foreign = new ObservedTraceGroup(GroupName, GroupArn, "service(\"theirs\")", new Dictionary<string, string> { ["team"] = "other" });

        var plan = Planner.CreatePlan([GroupPolicy()], Listed(Observe(), foreign), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((ConflictKind.NotOwned, GroupName, ChangeKind.TraceGroup), (conflict.Kind, conflict.Target, conflict.TargetKind));
    }

    [Fact]
    public void CreatePlan_GroupsNotListed_ChangesNothingAndSaysSo()
    {
        var plan = Planner.CreatePlan([GroupPolicy()], Observe(), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Contains(plan.Notices, n => n.Message.Contains("the X-Ray groups could not be listed", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_TagsOfTheGroupUnread_ChangesNothingAndSaysSo()
    {
        var unread = new ObservedTraceGroup(GroupName, GroupArn, "x", Tags: null);

        var plan = Planner.CreatePlan([GroupPolicy(wanted: false)], Listed(Observe(), unread), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Contains(plan.Notices, n => n.Message.Contains("its tags could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_ScopeIncomplete_DoesNotShrinkTheGroup()
    {
        var observation = Listed(Observe([Scope(functions: [Function("ManageProjects")], stages: [], complete: false, incompleteReason: "Lambda ListFunctions failed")]), Owned(FilterOf("ManageProjects", "UploadFile")));

        var plan = Planner.CreatePlan([GroupPolicy()], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Contains(plan.Notices, n => n.Message.Contains("is not created or updated this run because Lambda ListFunctions failed", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_PolicySelectsNothing_CreatesNoEmptyGroup()
    {
        var plan = Planner.CreatePlan([GroupPolicy()], Listed(Observe([Scope(functions: [], stages: [])])), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Contains(plan.Notices, n => n.Message.Contains("selects no function or stage", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_TooManyResourcesForOneExpression_SaysHowManyAreLeftOut()
    {
        var functions = Enumerable.Range(0, 100).Select(i => Function($"orders-function-{i:D3}")).ToList();

        var plan = Planner.CreatePlan([GroupPolicy()], Listed(Observe([Scope(functions: functions, stages: [])])), Options);

        Assert.Single(plan.Changes, c => c.Kind == ChangeKind.TraceGroup);
        Assert.Contains(plan.Notices, n => n.Message.Contains("of the 100 functions and stages", StringComparison.Ordinal) && n.Message.Contains("AWS documents no limit", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_AuditMode_PlansTheGroupWithoutEnforcingIt()
    {
        var policy = GroupPolicy() with { Mode = PolicyMode.Audit };

        var change = Assert.Single(Planner.CreatePlan([policy], Listed(Observe()), Options).Changes, c => c.Kind == ChangeKind.TraceGroup);

        Assert.False(change.Enforced);
    }
}
