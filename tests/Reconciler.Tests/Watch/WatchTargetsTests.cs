using Reconciler.Policies;
using Reconciler.Watch;
using Xunit;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Watch;

public sealed class WatchTargetsTests
{
    private static ChangeEvent Event(string id, string eventSource, string eventName, params TouchedResource[] touched) =>
        new(id, null, eventName, WatchedEvents.Find(eventSource, eventName)!, null, "us-east-1", new ChangeAuthor("IAMUser", "arn:aws:iam::123456789012:user/alice", null), touched, null);

    [Fact]
    public void Of_DriftOfOneFunction_ObservesThatFunctionAndReconcilesNoPolicyWhole()
    {
        var targets = WatchTargets.Of([Event("e1", "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", new TouchedFunction("orders-api"))], [Policy()], "reconciler");

        Assert.Equal(["orders-api"], targets.Functions);
        Assert.Empty(targets.WholePolicies);
        Assert.Empty(targets.Skipped);
    }

    [Fact]
    public void Of_ANewFunction_ReconcilesWholeThePoliciesWithADashboard()
    {
        var withDashboard = Policy("orders");
        var withoutDashboard = Policy("payments") with { Dashboard = null };

        var targets = WatchTargets.Of([Event("e1", "lambda.amazonaws.com", "CreateFunction20150331", new TouchedFunction("orders-api"))], [withDashboard, withoutDashboard], "reconciler");

        Assert.Equal(["orders-api"], targets.Functions);
        Assert.Equal(["orders"], targets.WholePolicies.Keys);
        Assert.Equal(["e1"], targets.WholePolicies["orders"]);
    }

    [Fact]
    public void Of_AnAlarmOfAPolicy_ReconcilesThatPolicyWhole_AndAForeignAlarmIsSkipped()
    {
        var targets = WatchTargets.Of(
            [
                Event("e1", "monitoring.amazonaws.com", "DeleteAlarms", new TouchedAlarm("reconciler-orders-orders-api-error-rate")),
                Event("e2", "monitoring.amazonaws.com", "PutMetricAlarm", new TouchedAlarm("team-billing-high")),
            ],
            [Policy("orders")],
            "reconciler");

        Assert.Equal(["orders"], targets.WholePolicies.Keys);
        var (skipped, reason) = Assert.Single(targets.Skipped);
        Assert.Equal("e2", skipped.Id);
        Assert.Equal("alarm team-billing-high is not named for any loaded policy of this deployment (its alarms start with 'reconciler-<policy>-')", reason);
    }

    [Fact]
    public void Of_ARetentionChangeOfAFunctionsLogGroup_ObservesThatFunction()
    {
        var targets = WatchTargets.Of([Event("e1", "logs.amazonaws.com", "DeleteRetentionPolicy", new TouchedLogGroup("/aws/lambda/orders-api"))], [Policy()], "reconciler");

        Assert.Equal(["orders-api"], targets.Functions);
        Assert.Empty(targets.WholePolicies);
    }

    [Fact]
    public void Of_TheSameFunctionTwice_ObservesItOnce()
    {
        var targets = WatchTargets.Of(
            [
                Event("e1", "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", new TouchedFunction("orders-api")),
                Event("e2", "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", new TouchedFunction("orders-api")),
            ],
            [Policy()],
            "reconciler");

        Assert.Equal(["orders-api"], targets.Functions);
        Assert.Empty(targets.Skipped);
    }

    [Theory]
    [InlineData("UpdateFunctionConfiguration20150331v2", "UpdateFunctionConfiguration")]
    [InlineData("CreateFunction20150331", "CreateFunction")]
    [InlineData("TagResource20170331v2", "TagResource")]
    [InlineData("UpdateStage", "UpdateStage")]
    [InlineData("DeleteRetentionPolicy", "DeleteRetentionPolicy")]
    public void ApiNameOf_StripsTheApiVersion(string eventName, string expected) =>
        Assert.Equal(expected, WatchedEvents.ApiNameOf(eventName));

    [Fact]
    public void EventPattern_MatchesCloudTrailCallsByEventSourceAndApiNamePrefix() =>
        Assert.Equal(
            "{\"detail-type\":[\"AWS API Call via CloudTrail\"],\"detail\":{\"eventSource\":[\"lambda.amazonaws.com\",\"apigateway.amazonaws.com\",\"monitoring.amazonaws.com\",\"logs.amazonaws.com\"],\"eventName\":[{\"prefix\":\"CreateFunction\"},{\"prefix\":\"UpdateFunctionConfiguration\"},{\"prefix\":\"DeleteFunction\"},{\"prefix\":\"TagResource\"},{\"prefix\":\"UntagResource\"},{\"prefix\":\"CreateStage\"},{\"prefix\":\"UpdateStage\"},{\"prefix\":\"DeleteStage\"},{\"prefix\":\"CreateDeployment\"},{\"prefix\":\"PutMetricAlarm\"},{\"prefix\":\"DeleteAlarms\"},{\"prefix\":\"PutDashboard\"},{\"prefix\":\"DeleteDashboards\"},{\"prefix\":\"PutRetentionPolicy\"},{\"prefix\":\"DeleteRetentionPolicy\"}]}}",
            WatchedEvents.EventPattern());
}
