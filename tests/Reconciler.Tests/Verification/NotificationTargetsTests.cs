using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Tests.Reporting;
using Reconciler.Verification;

namespace Reconciler.Tests.Verification;

public class NotificationTargetsTests
{
    private const string Owner = "reconciler";
    private const string Ops = "arn:aws:sns:us-east-1:123456789012:ops";
    private const string Pager = "arn:aws:sns:us-east-1:123456789012:pager";

    [Fact]
    public void Of_OwnedAlarmsAsPlanned_PutsReplaceDeletesRemoveForeignIgnored()
    {
        var observed = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal)
        {
            ["reconciler-orders-kept"] = Alarm("reconciler-orders-kept", Owned("orders"), Ops),
            ["reconciler-orders-moved"] = Alarm("reconciler-orders-moved", Owned("orders"), Ops),
            ["reconciler-orders-pruned"] = Alarm("reconciler-orders-pruned", Owned("orders"), Pager),
            ["reconciler-hand-made"] = Alarm("reconciler-hand-made", "made by hand", Pager),
        };
        var plan = new Plan(
            [
                Change("orders", new PutAlarm(Alarm("reconciler-orders-moved", Owned("orders"), Pager))),
                Change("orders", new PutAlarm(Alarm("reconciler-orders-new", Owned("orders"), Pager))),
                Change("orders", new DeleteAlarm("reconciler-orders-pruned")),
            ],
            [], [], []);

        var topics = NotificationTargets.Of([ReportFixtures.PolicyOf(topicArn: null)], Observation(observed), plan, Owner, "us-east-1");

        Assert.Equal(
            [
                new NotifiedTopic(Ops, ["reconciler-orders-kept"], ["orders"], false),
                new NotifiedTopic(Pager, ["reconciler-orders-moved", "reconciler-orders-new"], ["orders"], false),
            ],
            topics,
            NotifiedTopicComparer.Instance);
    }

    [Fact]
    public void Of_TopicInAnotherRegionAndTheReportTopic_OnlyTheRunsRegionAndTheReportCounted()
    {
        var elsewhere = "arn:aws:sns:eu-west-1:123456789012:ops";
        var observed = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal)
        {
            ["reconciler-orders-a"] = Alarm("reconciler-orders-a", Owned("orders"), elsewhere),
        };

        var topics = NotificationTargets.Of([ReportFixtures.PolicyOf(name: "orders", topicArn: Ops)], Observation(observed), new Plan([], [], [], []), Owner, "us-east-1");

        Assert.Equal([new NotifiedTopic(Ops, [], ["orders"], true)], topics, NotifiedTopicComparer.Instance);
    }

    [Theory]
    [InlineData(null, null, Ops, Ops)]
    [InlineData(null, Pager, null, Pager)]
    [InlineData(Pager, null, Ops, Pager)]
    [InlineData(null, Pager, Ops, Ops)]
    public void Of_HostReportTopics_TheTopicEachReportGoesToAsThePublisherChoosesIt(string? commandLine, string? environment, string? policyTopic, string expected)
    {
        var topics = NotificationTargets.Of(
            [ReportFixtures.PolicyOf(name: "orders", topicArn: policyTopic)],
            Observation(new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal)),
            new Plan([], [], [], []),
            Owner,
            "us-east-1",
            new Reconciler.Reporting.ReportTopics(commandLine, environment));

        Assert.Equal([new NotifiedTopic(expected, [], ["orders"], true)], topics, NotifiedTopicComparer.Instance);
    }

    private static string Owned(string policy) => OwnershipMarker.AlarmDescription(Owner, policy, "error rate");

    private static AlarmDefinition Alarm(string name, string description, string topic) => new()
    {
        AlarmName = name,
        AlarmDescription = description,
        AlarmActions = [topic],
        ComparisonOperator = "GreaterThanThreshold",
        EvaluationPeriods = 1,
        Threshold = 1,
    };

    private static PlannedChange Change(string policy, ChangePayload payload) =>
        new(policy, ChangeKind.Alarm, payload is DeleteAlarm ? ChangeAction.Delete : ChangeAction.Create, "target", null, [], payload, Enforced: true);

    private static Observation Observation(Dictionary<string, AlarmDefinition> alarms) =>
        new([], alarms, AlarmsComplete: true);

    // Records hold lists, which compare by reference: compare their contents.
    private sealed class NotifiedTopicComparer : IEqualityComparer<NotifiedTopic>
    {
        public static readonly NotifiedTopicComparer Instance = new();

        public bool Equals(NotifiedTopic? x, NotifiedTopic? y) =>
            x is not null && y is not null && x.TopicArn == y.TopicArn && x.ReceivesReports == y.ReceivesReports
            && x.Alarms.SequenceEqual(y.Alarms) && x.Policies.SequenceEqual(y.Policies);

        public int GetHashCode(NotifiedTopic obj) => obj.TopicArn.GetHashCode(StringComparison.Ordinal);
    }
}
