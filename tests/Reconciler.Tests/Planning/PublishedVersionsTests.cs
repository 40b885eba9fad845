using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class PublishedVersionsTests
{
    private const LambdaTracingMode Active = LambdaTracingMode.Active;
    private const LambdaTracingMode PassThrough = LambdaTracingMode.PassThrough;
    private const string ActiveName = nameof(LambdaTracingMode.Active);
    private const string PassThroughName = nameof(LambdaTracingMode.PassThrough);

    /// <summary>wanted, $LATEST, routes ("alias:version:mode:weight"), expected state, expected reason (null: none).</summary>
    /// <remarks>Modes and states are names: a public theory cannot take the internal enums (parsed back in the test).</remarks>
    public static TheoryData<string, string, string[], string, string?> Cases => new()
    {
        // The case: $LATEST already right, alias live serves an untraced version.
        {
            ActiveName, ActiveName, ["live:7:PassThrough:1"], nameof(ResourceState.Drifted),
            "alias live -> version 7 has tracing PassThrough; published versions cannot change; the next publish of $LATEST (now Active) carries the fix"
        },
        // $LATEST fixed by this very plan: both the change and the alias are in the reason.
        {
            ActiveName, PassThroughName, ["live:7:PassThrough:1"], nameof(ResourceState.Drifted),
            "tracing: PassThrough -> Active; alias live -> version 7 has tracing PassThrough; published versions cannot change; the next publish of $LATEST (PassThrough now, Active once this plan is applied) carries the fix"
        },
        // A weighted alias: only the share that goes to the untraced version is named.
        {
            ActiveName, ActiveName, ["live:8:Active:0.9", "live:7:PassThrough:0.1"], nameof(ResourceState.Drifted),
            "alias live -> version 7 (10% of its traffic) has tracing PassThrough; published versions cannot change; the next publish of $LATEST (now Active) carries the fix"
        },
        // The other direction: the policy wants tracing off, an alias still traces.
        {
            PassThroughName, PassThroughName, ["prod:3:Active:1"], nameof(ResourceState.Drifted),
            "alias prod -> version 3 has tracing Active; published versions cannot change; the next publish of $LATEST (now PassThrough) carries the fix"
        },
        { ActiveName, ActiveName, ["live:8:Active:1"], nameof(ResourceState.InSync), null },
        { ActiveName, ActiveName, [], nameof(ResourceState.InSync), null },
        // A version that vanished between the two listings is not claimed to be anything.
        { ActiveName, ActiveName, ["live:9:unknown:1"], nameof(ResourceState.InSync), null },
        // An alias moving all its traffic away from a version (weight 0) does not serve it.
        { ActiveName, ActiveName, ["live:8:Active:1", "live:7:PassThrough:0"], nameof(ResourceState.InSync), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CreatePlan_AliasRoutes_MarkServedVersionsTracedOtherwise(
        string wantedName, string latestName, string[] routes, string wantStateName, string? wantReason)
    {
        var (wanted, latest) = (Enum.Parse<LambdaTracingMode>(wantedName), Enum.Parse<LambdaTracingMode>(latestName));
        var wantState = Enum.Parse<ResourceState>(wantStateName);
        var function = Function("ManageProjects", latest) with { Aliases = new ObservedAliases([.. routes.Select(Route)]) };
        var plan = Planner.CreatePlan([TracingOnly(PolicyName, wanted, null)], Observe([Scope(functions: [function], stages: [])]), Options);

        var resource = Assert.Single(plan.Resources);
        Assert.Equal((wantState, wantReason), (resource.State, resource.Reason));
        Assert.Equal(wantReason is not null, plan.Notices.Any(n => n.Message.StartsWith("Function ManageProjects serves traffic", StringComparison.Ordinal)));
        // Nothing can be written for a published version: the only change is $LATEST's own, if any.
        Assert.Equal(latest == wanted ? 0 : 1, plan.Changes.Count);
    }

    [Fact]
    public void CreatePlan_AliasServesUntracedVersion_NoticeNamesAliasVersionAndRemedy()
    {
        var function = Function("ManageProjects", Active) with { Aliases = new ObservedAliases([Route("live:7:PassThrough:1")]) };

        var plan = Planner.CreatePlan([TracingOnly(PolicyName, Active, null)], Observe([Scope(functions: [function], stages: [])]), Options);

        var notice = Assert.Single(plan.Notices);
        Assert.Equal(
            "Function ManageProjects serves traffic without the tracing the policy wants (Active): alias live -> version 7 (PassThrough). " +
            "Lambda never changes a published version, so the reconciler cannot fix this. Publish a new version from $LATEST (now Active), " +
            "e.g. `aws lambda publish-version --function-name ManageProjects`, and point live at it (your next deploy does both).",
            notice.Message);
    }

    [Fact]
    public void CreatePlan_AliasReadFailed_ResourceUnknownNotInSync()
    {
        var function = Function("ManageProjects", Active) with { Aliases = new ObservedAliases([], "Lambda ListAliases of ManageProjects failed: AccessDeniedException: no") };

        var plan = Planner.CreatePlan([TracingOnly(PolicyName, Active, null)], Observe([Scope(functions: [function], stages: [])]), Options);

        var resource = Assert.Single(plan.Resources);
        Assert.Equal(ResourceState.Unknown, resource.State);
        Assert.Contains("AccessDeniedException", resource.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_TracingUnmanaged_AliasesIgnored()
    {
        var function = Function("ManageProjects", PassThrough) with { Aliases = new ObservedAliases([Route("live:7:PassThrough:1")]) };

        var plan = Planner.CreatePlan([TracingOnly(PolicyName, null, null)], Observe([Scope(functions: [function], stages: [])]), Options);

        Assert.Equal(ResourceState.InSync, Assert.Single(plan.Resources).State);
        Assert.Empty(plan.Notices);
    }

    [Fact]
    public void RenderPlanText_AliasServesUntracedVersion_NamesAliasAndDoesNotCountItInSync()
    {
        var function = Function("ManageProjects", Active) with { Aliases = new ObservedAliases([Route("live:7:PassThrough:1")]) };
        var plan = Planner.CreatePlan([TracingOnly(PolicyName, Active, null)], Observe([Scope(functions: [function], stages: [])]), Options);

        var text = PlanTextRenderer.Render(plan);

        Assert.Contains("alias live -> version 7 (PassThrough)", text, StringComparison.Ordinal);
        Assert.Contains("1 resource selected: 0 in sync", text, StringComparison.Ordinal);
    }

    private static AliasRoute Route(string spec)
    {
        var parts = spec.Split(':');
        LambdaTracingMode? mode = Enum.TryParse<LambdaTracingMode>(parts[2], out var parsed) ? parsed : null;
        return new AliasRoute(parts[0], parts[1], mode, double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
    }
}
