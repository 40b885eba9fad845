using Reconciler.Kinds;
using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Kinds.KindDiffText;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.Alarms;

public class AlarmDiffTests
{
    private const string Latency = "reconciler-project-management-ManageProjects-latency";
    private const string OurClaim = "reconciler/project-management";

    private static ObservabilityPolicy LatencyOnly(bool adopt = false) => Policy() with
    {
        Alarms = Policy().Alarms with { Lambda = [LambdaLatencyRule], ApiGateway = [], Adopt = adopt },
        Dashboard = null,
    };

    private static AlarmDefinition Desired => DesiredAlarms(LatencyOnly())[Latency];

    // The desired alarm as someone else left it: another description (marker) and, unless said otherwise, a threshold
    // changed in the console.
    private static AlarmDefinition Observed(string? description, double threshold = 1500) =>
        Desired with { AlarmDescription = description, Threshold = threshold };

    private static string OursFor(string policy, string owner = "reconciler") =>
        OwnershipMarker.AlarmDescription(owner, policy, "p99 latency of ManageProjects");

    public static TheoryData<string, string?, bool, string[]> DesiredCases => new()
    {
        { "ours, unchanged", "same", false, ["in sync"] },
        { "ours, as DescribeAlarms normalises it", "normalised", false, ["in sync"] },
        { "ours, threshold edited", "threshold", false, ["update claim=" + OurClaim, "threshold: 1500 -> 2000"] },
        { "legacy marker of this policy", "legacy", false, ["update claim=(legacy)/project-management", "description: [reconciler:policy=project-management] -> " + Desired.AlarmDescription, "threshold: 1500 -> 2000"] },
        { "unmarked", "unmarked", false, ["conflict NotOwned"] },
        { "unmarked, policy adopts", "unmarked", true, ["update claim=none", "description: made by hand -> " + Desired.AlarmDescription, "threshold: 1500 -> 2000"] },
        { "marked by another policy, even with adopt", "other-policy", true, ["conflict NotOwned"] },
        { "marked by another deployment", "other-deployment", false, ["conflict NotOwned"] },
    };

    [Theory]
    [MemberData(nameof(DesiredCases))]
    public void Diff_DesiredAlarm_ReturnsTheTypedResult(string name, string? observed, bool adopt, string[] want)
    {
        var got = Lines(AlarmDiff.Diff(Desired, Variant(observed), LatencyOnly(adopt), Options.Owner));

        Assert.True(want.SequenceEqual(got), $"{name}: {WantGot(want, got)}");
    }

    public static TheoryData<string, string, string> ExtraCases => new()
    {
        { "ours, this policy: pruned", "ours", "delete claim=" + OurClaim },
        { "ours, another policy: that policy's to prune", "other-policy", "in sync" },
        { "legacy marker: cannot be proven ours, never deleted", "legacy", "in sync" },
        { "unmarked: someone else's", "unmarked", "in sync" },
        { "another deployment's", "other-deployment", "in sync" },
    };

    [Theory]
    [MemberData(nameof(ExtraCases))]
    public void Diff_AlarmNoPolicyRenders_DeletesOnlyWhatThisDeploymentAndPolicyOwn(string name, string observed, string want)
    {
        var diff = AlarmDiff.Diff(desired: null, Variant(observed), LatencyOnly(), Options.Owner);

        Assert.True(want == Case(diff), $"{name}: {WantGot([want], [Case(diff)])}");
    }

    [Fact]
    public void Diff_Absent_CreateWithEveryDesiredField()
    {
        var create = Assert.IsType<KindDiff.Create>(AlarmDiff.Diff(Desired, observed: null, LatencyOnly(), Options.Owner));

        Assert.Contains("threshold: (none) -> 2000", create.Fields.Select(Describe));
        Assert.Contains("extendedStatistic: (none) -> p99", create.Fields.Select(Describe));
        Assert.All(create.Fields, field => Assert.Null(field.Before));
    }

    [Fact]
    public void Diff_OwnedExtra_DeleteWithEveryObservedField()
    {
        var delete = Assert.IsType<KindDiff.Delete>(AlarmDiff.Diff(desired: null, Variant("ours"), LatencyOnly(), Options.Owner));

        Assert.Contains("threshold: 1500 -> (none)", delete.Fields.Select(Describe));
        Assert.All(delete.Fields, field => Assert.Null(field.After));
    }

    [Fact]
    public void Diff_Unmarked_ConflictReasonNamesTheAlarmThePolicyFileAndAdopt()
    {
        var conflict = Assert.IsType<KindDiff.Conflict>(AlarmDiff.Diff(Desired, Observed("made by hand"), LatencyOnly(), Options.Owner));

        Assert.Equal(
            $"The alarm {Latency} exists but has no ownership marker, so it was made by someone else; it is left alone. To take it over, set spec.alarms.adopt: true in policy project-management (policies/project-management.yaml); or delete or rename the existing alarm.",
            conflict.Reason);
    }

    [Fact]
    public void Diff_NeitherDesiredNorObserved_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlarmDiff.Diff(null, null, LatencyOnly(), Options.Owner));
    }

    private static AlarmDefinition? Variant(string? observed) => observed switch
    {
        null => null,
        "same" => Desired,
        // DescribeAlarms may leave out a DatapointsToAlarm equal to EvaluationPeriods (5 here) and a TreatMissingData
        // of "missing", which the rule sets.
        "normalised" => Desired with { DatapointsToAlarm = null, TreatMissingData = null },
        "threshold" or "ours" => Observed(Desired.AlarmDescription),
        "legacy" => Observed("[reconciler:policy=project-management]"),
        "unmarked" => Observed("made by hand"),
        "other-policy" => Observed(OursFor("orders")),
        "other-deployment" => Observed(OursFor(PolicyName, owner: "reconciler-eu")),
        _ => throw new ArgumentOutOfRangeException(nameof(observed), observed, "no such variant"),
    };
}
