using Reconciler.Aws;
using Reconciler.Drill;

namespace Reconciler.Tests.Drill;

public sealed class ActionHistoryTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:ops";

    [Theory]
    [InlineData("Successfully executed action " + Topic, null, "Delivered", "Successfully executed action " + Topic)]
    [InlineData("Failed to execute action " + Topic + ". Received error: \"CloudWatch Alarms is not authorized to perform: SNS:Publish\"", null, "Failed", "CloudWatch Alarms is not authorized to perform: SNS:Publish")]
    [InlineData("Failed to execute action " + Topic, null, "Failed", "Failed to execute action " + Topic)]
    [InlineData("anything", "{\"actionState\":\"Failed\",\"notificationResource\":\"" + Topic + "\",\"error\":\"null (Service: AWSKMS; Error Code: AccessDeniedException)\"}", "Failed", "null (Service: AWSKMS; Error Code: AccessDeniedException)")]
    [InlineData("Successfully executed action " + Topic, "{\"actionState\":\"Succeeded\",\"notificationResource\":\"" + Topic + "\",\"error\":null}", "Delivered", "Successfully executed action " + Topic)]
    public void Judge_CloudWatchsWording_Outcome(string summary, string? data, string outcome, string detail)
    {
        var verdicts = ActionHistory.Judge([new AlarmHistoryItem("a", DateTimeOffset.UnixEpoch, "Action", summary, data)], [Topic]);

        Assert.Equal((Enum.Parse<ActionOutcome>(outcome), detail), verdicts[Topic]);
    }

    [Fact]
    public void Judge_OtherArnsAndStateUpdates_Ignored()
    {
        var verdicts = ActionHistory.Judge(
            [
                new AlarmHistoryItem("a", DateTimeOffset.UnixEpoch, "StateUpdate", "Alarm updated from OK to ALARM", null),
                new AlarmHistoryItem("a", DateTimeOffset.UnixEpoch, "Action", "Successfully executed action arn:aws:sns:us-east-1:123456789012:other", null),
            ],
            [Topic]);

        Assert.Empty(verdicts);
    }

    [Fact]
    public void Judge_TwoItemsForOneArn_TheOldestIsTheDrillsTransition()
    {
        var verdicts = ActionHistory.Judge(
            [
                new AlarmHistoryItem("a", DateTimeOffset.UnixEpoch.AddSeconds(9), "Action", "Successfully executed action " + Topic, null),
                new AlarmHistoryItem("a", DateTimeOffset.UnixEpoch, "Action", "Failed to execute action " + Topic + ". Received error: \"x\"", null),
            ],
            [Topic]);

        Assert.Equal(ActionOutcome.Failed, verdicts[Topic].Outcome);
    }
}
