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

    // The table's modes are names: a public theory cannot take the internal enum (parsed back in the test).
    private const string ActiveName = nameof(LambdaTracingMode.Active);
    private const string PassThroughName = nameof(LambdaTracingMode.PassThrough);

    public static TheoryData<string, string[], string, string[]> Cases => new()
    {
        { "one policy, same mode", [ActiveName], ActiveName, ["in sync"] },
        { "one policy, other mode", [ActiveName], PassThroughName, ["update claim=none", "tracing: PassThrough -> Active"] },
        { "back to pass-through", [PassThroughName], ActiveName, ["update claim=none", "tracing: Active -> PassThrough"] },
        { "two policies agree, drifted", [ActiveName, ActiveName], PassThroughName, ["update claim=none", "tracing: PassThrough -> Active"] },
        { "two policies agree, in sync", [PassThroughName, PassThroughName], PassThroughName, ["in sync"] },
        { "two policies disagree, one already matches", [ActiveName, PassThroughName], PassThroughName, ["conflict PoliciesDisagree"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, string[] wanted, string observed, string[] want)
    {
        var wishes = wanted.Select(Enum.Parse<LambdaTracingMode>).Select((mode, i) => (TracingOnly($"team-{i}", mode, null), mode)).ToList();

        var diff = FunctionTracingDiff.Diff("ManageProjects", wishes, Enum.Parse<LambdaTracingMode>(observed));

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
