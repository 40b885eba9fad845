using Reconciler.Kinds;
using Reconciler.Kinds.StageTracing;
using static Reconciler.Tests.Kinds.KindDiffText;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.StageTracing;

public class StageTracingDiffTests
{
    public static TheoryData<string, bool[], bool, string[]> Cases => new()
    {
        { "enabled, wanted", [true], true, ["in sync"] },
        { "disabled, wanted", [true], false, ["update claim=none", "tracingEnabled: false -> true"] },
        { "enabled, not wanted", [false], true, ["update claim=none", "tracingEnabled: true -> false"] },
        { "two policies agree", [true, true], false, ["update claim=none", "tracingEnabled: false -> true"] },
        { "two policies disagree", [true, false], true, ["conflict PoliciesDisagree"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, bool[] wanted, bool observed, string[] want)
    {
        var wishes = wanted.Select((enabled, i) => (TracingOnly($"team-{i}", null, enabled), enabled)).ToList();

        var diff = StageTracingDiff.Diff("ProjectManagementAPI/prod", wishes, observed);

        Assert.True(want.SequenceEqual(Lines(diff)), $"{name}: {WantGot(want, Lines(diff))}");
    }

    [Fact]
    public void Diff_PoliciesDisagree_ReasonNamesTheStageAndEachPolicy()
    {
        var diff = StageTracingDiff.Diff(
            "ProjectManagementAPI/prod", [(TracingOnly("team-a", null, true), true), (TracingOnly("team-b", null, false), false)], false);

        var conflict = Assert.IsType<KindDiff.Conflict>(diff);
        Assert.StartsWith(
            "Policies disagree on tracingEnabled of ProjectManagementAPI/prod: policy team-a (policies/team-a.yaml) wants true, policy team-b (policies/team-b.yaml) wants false.",
            conflict.Reason,
            StringComparison.Ordinal);
    }
}
