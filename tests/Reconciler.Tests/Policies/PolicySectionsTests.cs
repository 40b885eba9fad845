using Reconciler.Kinds;
using Reconciler.Policies;

namespace Reconciler.Tests.Policies;

/// <summary>The sections kinds declare for themselves (<see cref="ManagedKinds.PolicySections"/>), read by the loader.</summary>
public class PolicySectionsTests
{
    [Fact]
    public void Load_PolicyWithoutTheSection_SeesItsAbsentValue()
    {
        var policy = Assert.Single(PolicyLoader.LoadText("t.yaml", PolicyText.WithSpec()).Policies);

        Assert.Same(LogsSpec.Unmanaged, policy.Section<LogsSpec>());
        Assert.Equal(0, policy.Sections.Count);
    }

    [Fact]
    public void Load_PolicyWithTheSection_StoresWhatItsReaderRead()
    {
        var policy = Assert.Single(PolicyLoader.LoadText("t.yaml", PolicyText.WithSpec("  logs: { retentionDays: 14 }")).Policies);

        Assert.Equal(new LogsSpec(14, null, null, null), policy.Section<LogsSpec>());
    }

    [Fact]
    public void Load_SectionWithAnError_RefusesThePolicyWithThePositionOfTheField()
    {
        var result = PolicyLoader.LoadText("t.yaml", PolicyText.WithSpec("  logs: { retentionDays: 31 }"));

        Assert.Empty(result.Policies);
        Assert.StartsWith("t.yaml:8:26: spec.logs.retentionDays: 31 days is not a retention", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeyUnderSpec_ListsTheDeclaredSectionsAmongTheValidKeys()
    {
        var result = PolicyLoader.LoadText("t.yaml", PolicyText.WithSpec("  logz: {}"));

        var error = Assert.Single(result.Errors).ToString();
        Assert.Contains("did you mean \"logs\"?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicySections_EachPathIsDeclaredOnce_AndSitsUnderSpecOrSpecTracing()
    {
        Assert.Equal(ManagedKinds.PolicySections.Count, ManagedKinds.PolicySections.Select(section => section.Path).Distinct().Count());
        Assert.All(ManagedKinds.PolicySections, section => Assert.Contains(section.Parent, new[] { "spec", "spec.tracing" }));
    }
}
