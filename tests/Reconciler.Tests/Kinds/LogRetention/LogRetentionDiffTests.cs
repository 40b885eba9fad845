using Reconciler.Kinds;
using Reconciler.Kinds.LogRetention;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Kinds.KindDiffText;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.LogRetention;

public class LogRetentionDiffTests
{
    private const string Group = "/aws/lambda/ManageProjects";

    // observed: -1 = the log group does not exist, 0 = it exists and never expires, else its retention in days.
    public static TheoryData<string, int[], int, string[]> Cases => new()
    {
        { "missing group is created with the retention", [30], -1, ["create", "retention: (none) -> 30 days"] },
        { "never expires", [30], 0, ["update claim=none", "retention: never -> 30 days"] },
        { "longer retention", [30], 90, ["update claim=none", "retention: 90 days -> 30 days"] },
        { "shorter retention grows", [365], 7, ["update claim=none", "retention: 7 days -> 365 days"] },
        { "one day is singular", [1], 3, ["update claim=none", "retention: 3 days -> 1 day"] },
        { "in sync", [30], 30, ["in sync"] },
        { "two policies agree", [14, 14], 0, ["update claim=none", "retention: never -> 14 days"] },
        { "two policies disagree", [14, 30], 30, ["conflict PoliciesDisagree"] },
        { "two policies disagree on a missing group", [14, 30], -1, ["conflict PoliciesDisagree"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, int[] wanted, int observed, string[] want)
    {
        var wishes = wanted.Select((days, i) => (Policy($"team-{i}"), days)).ToList();
        var group = observed switch
        {
            -1 => null,
            0 => new ObservedLogGroup(Group, null, null),
            _ => new ObservedLogGroup(Group, null, observed),
        };

        var diff = LogRetentionDiff.Diff(Group, ["ManageProjects"], wishes, group);

        Assert.True(want.SequenceEqual(Lines(diff)), $"{name}: {WantGot(want, Lines(diff))}");
    }

    [Fact]
    public void Diff_SharedGroupPoliciesDisagree_ReasonNamesTheGroupItsFunctionsEachPolicyAndTheRemedies()
    {
        var diff = LogRetentionDiff.Diff(
            "/shared/orders", ["orders-b", "orders-a"], [(Policy("team-b"), 90), (Policy("team-a"), 30), (Policy("team-a"), 30)], null);

        var conflict = Assert.IsType<KindDiff.Conflict>(diff);
        Assert.Equal(
            "Policies disagree on the retention of log group /shared/orders (used by orders-a, orders-b): policy team-a (policies/team-a.yaml) wants 30 days, "
            + "policy team-b (policies/team-b.yaml) wants 90 days. Neither is applied. Make the policies agree, exclude the functions from all but one of them, "
            + "or give the functions separate log groups (LoggingConfig.LogGroup).",
            conflict.Reason);
    }

    [Theory]
    [InlineData(0, 30, "deletes log data: CloudWatch Logs removes the events of /aws/lambda/ManageProjects older than 30 days (today they never expire)")]
    [InlineData(90, 30, "deletes log data: CloudWatch Logs removes the events of /aws/lambda/ManageProjects older than 30 days (today they are kept 90 days)")]
    [InlineData(30, 90, null)]
    public void Caution_OnlyWhenEventsKeptTodayWouldBeDeleted(int before, int after, string? want) =>
        Assert.Equal(want, LogRetentionDiff.Caution(Group, before == 0 ? null : before, after));

    [Fact]
    public void Diff_NoWish_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LogRetentionDiff.Diff(Group, [], [], null));
}
