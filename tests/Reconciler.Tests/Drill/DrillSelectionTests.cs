using Reconciler.Aws;
using Reconciler.Drill;
using Reconciler.Planning;

namespace Reconciler.Tests.Drill;

public sealed class DrillSelectionTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:ops";
    private static readonly HashSet<string> Orders = new(StringComparer.Ordinal) { "orders" };

    [Theory]
    [InlineData("", "reconciler-")]
    [InlineData("reconciler-orders-*", "reconciler-orders-")]
    [InlineData("reconciler-orders-*,reconciler-*", "reconciler-")]
    [InlineData("*-error-rate", null)]
    public void ListingPrefixes_Globs_ListEverythingTheyCanMatch(string globs, string? expected)
    {
        var prefixes = DrillSelection.ListingPrefixes(globs.Length == 0 ? [] : globs.Split(','), "reconciler");

        Assert.Equal(expected, prefixes is null ? null : string.Join(',', prefixes));
    }

    [Fact]
    public void Choose_OwnedAlarmInOk_IsATarget()
    {
        var selection = DrillSelection.Choose([Owned("reconciler-orders-fn-error-rate")], Orders, [], "reconciler");

        var target = Assert.Single(selection.Targets);
        Assert.Equal(("orders", "OK", Topic), (target.PolicyName, target.PreviousState, Assert.Single(target.AlarmActions)));
        Assert.Empty(selection.Skipped);
    }

    [Fact]
    public void Choose_GlobMatchesUnmarkedAndOtherDeploymentsAlarms_BothSkippedNeverTargets()
    {
        MetricAlarm[] alarms =
        [
            Owned("reconciler-orders-fn-error-rate"),
            Owned("team-orders-error-rate") with { AlarmDescription = "hand-made" },
            Owned("reconciler-eu-orders-fn-error-rate", owner: "reconciler-eu"),
        ];

        var selection = DrillSelection.Choose(alarms, Orders, ["*-error-rate"], "reconciler");

        Assert.Equal("reconciler-orders-fn-error-rate", Assert.Single(selection.Targets).AlarmName);
        Assert.Equal(["reconciler-eu-orders-fn-error-rate", "team-orders-error-rate"], selection.Skipped.Select(s => s.AlarmName));
        Assert.Contains("another deployment", selection.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("no ownership marker", selection.Skipped[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALARM", "in ALARM now")]
    [InlineData("disabled", "actions are disabled")]
    [InlineData("no-actions", "no ALARM actions")]
    public void Choose_OwnedButNothingToProve_SkippedWithTheReason(string variant, string reason)
    {
        var alarm = variant switch
        {
            "ALARM" => Owned("reconciler-orders-a") with { StateValue = "ALARM" },
            "disabled" => Owned("reconciler-orders-a") with { ActionsEnabled = false },
            _ => Owned("reconciler-orders-a") with { AlarmActions = [] },
        };

        var selection = DrillSelection.Choose([alarm], Orders, [], "reconciler");

        Assert.Empty(selection.Targets);
        Assert.Contains(reason, Assert.Single(selection.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_PolicyNotDrilledAndGlobMatchingNothing_ReportedOnlyWhenNamed()
    {
        var other = Owned("reconciler-payments-a", policy: "payments");

        Assert.Empty(DrillSelection.Choose([other], Orders, [], "reconciler").Skipped);
        var named = DrillSelection.Choose([other], Orders, ["reconciler-payments-*", "nothing-*"], "reconciler");
        Assert.Contains("policy payments", Assert.Single(named.Skipped).Reason, StringComparison.Ordinal);
        Assert.Equal(["nothing-*"], named.UnmatchedGlobs);
    }

    private static MetricAlarm Owned(string name, string policy = "orders", string owner = "reconciler") => new()
    {
        AlarmName = name,
        AlarmDescription = OwnershipMarker.AlarmDescription(owner, policy, "Errors of fn."),
        AlarmActions = [Topic],
        ComparisonOperator = "GreaterThanThreshold",
        StateValue = "OK",
    };
}
