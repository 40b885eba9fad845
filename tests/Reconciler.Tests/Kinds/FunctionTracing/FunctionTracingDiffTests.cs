using Reconciler.Kinds;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Kinds.KindDiffText;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.FunctionTracing;

public class FunctionTracingDiffTests
{
    private static readonly LambdaTracingMode Active = LambdaTracingMode.Active;
    private static readonly LambdaTracingMode PassThrough = LambdaTracingMode.PassThrough;

    public static TheoryData<string, LambdaTracingMode[], LambdaTracingMode, string[]> Cases => new()
    {
        { "one policy, same mode", [Active], Active, ["in sync"] },
        { "one policy, other mode", [Active], PassThrough, ["update claim=none", "tracing: PassThrough -> Active"] },
        { "back to pass-through", [PassThrough], Active, ["update claim=none", "tracing: Active -> PassThrough"] },
        { "two policies agree, drifted", [Active, Active], PassThrough, ["update claim=none", "tracing: PassThrough -> Active"] },
        { "two policies agree, in sync", [PassThrough, PassThrough], PassThrough, ["in sync"] },
        { "two policies disagree, one already matches", [Active, PassThrough], PassThrough, ["conflict PoliciesDisagree"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, LambdaTracingMode[] wanted, LambdaTracingMode observed, string[] want)
    {
        var wishes = wanted.Select((mode, i) => (TracingOnly($"team-{i}", mode, null), mode)).ToList();

        var diff = FunctionTracingDiff.Diff("ManageProjects", wishes, observed);

        Assert.True(want.SequenceEqual(Lines(diff)), $"{name}: {WantGot(want, Lines(diff))}");
    }

    [Fact]
    public void Diff_PoliciesDisagree_ReasonNamesEachPolicyItsFileAndTheRemedy()
    {
        var diff = FunctionTracingDiff.Diff(
            "ManageProjects", [(TracingOnly("team-b", PassThrough, null), PassThrough), (TracingOnly("team-a", Active, null), Active)], Active);

        var conflict = Assert.IsType<KindDiff.Conflict>(diff);
        Assert.Equal(
            "Policies disagree on tracing of ManageProjects: policy team-a (policies/team-a.yaml) wants Active, policy team-b (policies/team-b.yaml) wants PassThrough. Neither is applied. Make the policies agree, or exclude ManageProjects from all but one of them.",
            conflict.Reason);
    }

    [Fact]
    public void Diff_NoWish_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FunctionTracingDiff.Diff("ManageProjects", [], Active));
    }
}
