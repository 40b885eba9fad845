using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class ScopingTests
{
    [Theory]
    [InlineData("legacy-*", "legacy-export", true)]
    [InlineData("legacy-*", "legacy-", true)]
    [InlineData("legacy-*", "my-legacy-export", false)]
    [InlineData("*-test", "upload-test", true)]
    [InlineData("*-test", "upload-testing", false)]
    [InlineData("Upload?ile", "UploadFile", true)]
    [InlineData("Upload?ile", "Uploadile", false)]
    [InlineData("uploadfile", "UploadFile", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("ProjectManagementAPI/dev", "ProjectManagementAPI/dev", true)]
    [InlineData("*/dev", "ProjectManagementAPI/dev", true)]
    [InlineData("*/dev", "ProjectManagementAPI/prod", false)]
    public void IsMatch_GlobAndName_MatchesWholeNameOnly(string pattern, string name, bool want) =>
        Assert.Equal(want, Glob.IsMatch(pattern, name));

    // A public theory cannot take the internal ObservedFunction, so the theory gets the case's description and looks
    // the function and the wanted reason up here.
    private static readonly (string Description, ObservedFunction Function, string? WantReason)[] FunctionRows =
    [
        ("plain function", Function("ManageProjects"), null),
        ("name glob", Function("legacy-export"), "excluded by name: 'legacy-export' matches exclude.names glob 'legacy-*'"),
        (
            "ignore tag", Function("Reports", tags: new() { ["app"] = "project-management", ["env"] = "prod", ["observability:ignore"] = "true" }),
            "excluded by tag: observability:ignore=true matches exclude.tags"
        ),
        (
            "ignore tag with another value", Function("Reports", tags: new() { ["app"] = "project-management", ["env"] = "prod", ["observability:ignore"] = "false" }),
            null
        ),
        (
            "sloppy discovery: wrong env", Function("Staging", tags: new() { ["app"] = "project-management", ["env"] = "staging" }),
            "discovery returned it, but its tag env=staging is not one of [prod, dev]"
        ),
        (
            "sloppy discovery: no app tag", Function("Other", tags: new() { ["env"] = "prod" }),
            "discovery returned it, but it has no tag 'app' that the selector requires"
        ),
    ];

    public static TheoryData<string> FunctionCases => new(FunctionRows.Select(row => row.Description));

    [Theory]
    [MemberData(nameof(FunctionCases))]
    public void Select_Function_IncludedOrExcludedWithReason(string description)
    {
        var (_, function, wantReason) = FunctionRows.Single(row => row.Description == description);
        var selection = Scoping.Select(Policy(), Scope(functions: [function], stages: []));

        if (wantReason is null)
        {
            Assert.True(selection.Functions.Contains(function), $"{description}: want included, got {(selection.Excluded.Count > 0 ? selection.Excluded[0].Reason : null)}");
            Assert.Empty(selection.Excluded);
        }
        else
        {
            Assert.Empty(selection.Functions);
            var excluded = Assert.Single(selection.Excluded);
            Assert.Equal(ResourceState.Excluded, excluded.State);
            Assert.Equal(wantReason, excluded.Reason);
        }
    }

    [Theory]
    [InlineData("ProjectManagementAPI/*", "dev", true)]
    [InlineData("*/dev", "dev", true)]
    [InlineData("*/dev", "prod", false)]
    [InlineData("ProjectManagementAPI", "prod", false)]
    public void Select_StageNameGlob_MatchesApiSlashStage(string glob, string stage, bool wantExcluded)
    {
        var policy = Policy() with { Selector = Policy().Selector with { Exclude = new ExclusionSpec([glob], new Dictionary<string, string>()) } };

        var selection = Scoping.Select(policy, Scope(functions: [], stages: [Stage("ProjectManagementAPI", stage)]));

        Assert.Equal(wantExcluded, selection.Excluded.Count == 1);
        Assert.Equal(wantExcluded, selection.Stages.Count == 0);
    }

    [Fact]
    public void Select_ResourceTypeNotSelected_ExcludedEvenIfDiscovered()
    {
        var policy = Policy() with { Selector = Policy().Selector with { ResourceTypes = [ResourceType.LambdaFunction] } };

        var selection = Scoping.Select(policy, Scope());

        Assert.Equal(2, selection.Functions.Count);
        Assert.Empty(selection.Stages);
        Assert.All(selection.Excluded, e => Assert.Equal("resource type apigateway:stage is not in the selector's resourceTypes", e.Reason));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void Select_EmptyTagSelector_SelectsOnlyWithMatchAll(bool matchAll, int wantSelected)
    {
        var policy = Policy() with
        {
            Selector = new ResourceSelector(new Dictionary<string, IReadOnlyList<string>>(), [ResourceType.LambdaFunction], new ExclusionSpec([], new Dictionary<string, string>()), matchAll),
        };

        var selection = Scoping.Select(policy, Scope(functions: [Function("Anything", tags: [])], stages: []));

        Assert.Equal(wantSelected, selection.Functions.Count);
    }

    [Fact]
    public void CreatePlan_ExcludedResources_AppearInResourcesWithReasonAndGetNoAlarms()
    {
        var scope = Scope(functions: [Function("ManageProjects"), Function("legacy-export", LambdaTracingMode.PassThrough)], stages: []);

        var plan = Planner.CreatePlan([Policy()], Observe([scope]), Options);

        var excluded = Assert.Single(plan.Resources, r => r.State == ResourceState.Excluded);
        Assert.Equal("legacy-export", excluded.Name);
        Assert.Contains("legacy-*", excluded.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Changes, c => c.Target.Contains("legacy-export", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_TwoPoliciesSelectOneResource_BothAssessIt()
    {
        var other = Policy("platform-baseline") with { Dashboard = null };
        var observation = Observe([Scope(), Scope("platform-baseline")]);

        var plan = Planner.CreatePlan([Policy(), other], observation, Options);

        var assessments = plan.Resources.Where(r => r.Name == "ManageProjects").Select(r => r.PolicyName);
        AssertLines(["platform-baseline", "project-management"], assessments);
        Assert.Contains(plan.Changes, c => c.Target == "reconciler-platform-baseline-ManageProjects-latency");
        Assert.Contains(plan.Changes, c => c.Target == "reconciler-project-management-ManageProjects-latency");
    }

    [Theory]
    [InlineData("prod", null)]
    [InlineData("dev", "its tag env=dev is not one of [prod]")]
    [InlineData(null, "it has no tag 'env' that the selector requires")]
    public void TagMismatch_SelectorWithValues_OneRuleForDiscoveryAndPlanner(string? env, string? want)
    {
        var selector = Policy().Selector with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["env"] = ["prod"] } };
        var tags = env is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["env"] = env };

        Assert.Equal(want, selector.TagMismatch(tags));
        Assert.Equal(want is null, Reconciler.Discovery.SelectorQuery.Matches(selector, tags));
    }

    [Fact]
    public void TagMismatch_KeyWithNoValues_MatchesAnyValueLikeATagFilterWithoutValues()
    {
        var selector = Policy().Selector with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["team"] = [] } };

        Assert.Null(selector.TagMismatch(new Dictionary<string, string> { ["team"] = "anything" }));
        Assert.Null(Scoping.WhyExcluded(selector, ResourceType.LambdaFunction, "f", new Dictionary<string, string> { ["team"] = "x" }));
    }
}
