using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>The drill's answers read as botocore reads them.</summary>
public sealed partial class WireResponseTests
{
    [Fact]
    public async Task DescribeAlarmHistory_DeliveredAndFailedAction_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "DescribeAlarmHistory");
        var items = await WireHarness.ParseAsync(operation, async clients =>
        {
            var read = new List<AlarmHistoryItem>();
            await foreach (var item in clients.CloudWatch.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest("a", "Action", null), None))
            {
                read.Add(item);
            }

            return read;
        });

        var ours = new JsonObject
        {
            ["AlarmHistoryItems"] = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject
            {
                ["AlarmName"] = item.AlarmName,
                ["HistoryItemType"] = item.HistoryItemType,
                ["HistorySummary"] = item.HistorySummary,
                ["HistoryData"] = item.HistoryData,
            })]),
        };
        AssertReadsAsBotocore(operation, ours, []);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 30, 1, 250, TimeSpan.Zero), items[0].Timestamp);
        Assert.StartsWith("Failed to execute action", items[1].HistorySummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_SubscriptionArn_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("sns", "Subscribe");
        var arn = await WireHarness.ParseAsync(operation, clients => clients.Sns.SubscribeAsync("arn:aws:sns:us-east-1:123456789012:t", "sqs", "arn:aws:sqs:us-east-1:123456789012:q", None));

        AssertReadsAsBotocore(operation, new JsonObject { ["SubscriptionArn"] = arn }, []);
    }

    [Fact]
    public async Task CreateQueue_QueueUrl_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("sqs", "CreateQueue");
        var url = await WireHarness.ParseAsync(operation, clients => clients.Sqs.CreateQueueAsync("q", new Dictionary<string, string>(), new Dictionary<string, string>(), None));

        AssertReadsAsBotocore(operation, new JsonObject { ["QueueUrl"] = url }, []);
    }

    [Fact]
    public async Task GetQueueAttributes_AttributeMap_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("sqs", "GetQueueAttributes");
        var attributes = await WireHarness.ParseAsync(operation, clients => clients.Sqs.GetQueueAttributesAsync("https://q", ["QueueArn"], None));

        AssertReadsAsBotocore(operation, new JsonObject { ["Attributes"] = new JsonObject { ["QueueArn"] = attributes["QueueArn"] } }, []);
    }

    [Fact]
    public async Task ReceiveMessage_SnsNotification_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("sqs", "ReceiveMessage");
        var messages = await WireHarness.ParseAsync(operation, clients => clients.Sqs.ReceiveMessageAsync("https://q", 10, 1, None));

        var ours = new JsonObject
        {
            ["Messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["MessageId"] = m.MessageId, ["ReceiptHandle"] = m.ReceiptHandle, ["Body"] = m.Body })]),
        };
        AssertReadsAsBotocore(operation, ours, []);
    }
}
