using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>The drill's operations (CloudWatch SetAlarmState and DescribeAlarmHistory, SNS Subscribe and Unsubscribe, SQS) held to botocore.</summary>
public sealed partial class WireRequestTests
{
    public static TheoryData<string> SetAlarmStateCases => GoldenWire.CaseNames("cloudwatch", "SetAlarmState");

    public static TheoryData<string> DescribeAlarmHistoryCases => GoldenWire.CaseNames("cloudwatch", "DescribeAlarmHistory");

    public static TheoryData<string> SubscribeCases => GoldenWire.CaseNames("sns", "Subscribe");

    public static TheoryData<string> UnsubscribeCases => GoldenWire.CaseNames("sns", "Unsubscribe");

    public static TheoryData<string> CreateQueueCases => GoldenWire.CaseNames("sqs", "CreateQueue");

    public static TheoryData<string> GetQueueAttributesCases => GoldenWire.CaseNames("sqs", "GetQueueAttributes");

    public static TheoryData<string> SetQueueAttributesCases => GoldenWire.CaseNames("sqs", "SetQueueAttributes");

    public static TheoryData<string> ReceiveMessageCases => GoldenWire.CaseNames("sqs", "ReceiveMessage");

    public static TheoryData<string> DeleteQueueCases => GoldenWire.CaseNames("sqs", "DeleteQueue");

    [Theory]
    [MemberData(nameof(SetAlarmStateCases))]
    public Task SetAlarmState_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "SetAlarmState", caseName, p =>
        {
            var (name, state, reason) = (p.RequiredString("AlarmName"), p.RequiredString("StateValue"), p.RequiredString("StateReason"));
            return clients => clients.CloudWatch.SetAlarmStateAsync(name, state, reason, None);
        });

    [Theory]
    [MemberData(nameof(DescribeAlarmHistoryCases))]
    public Task DescribeAlarmHistory_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "DescribeAlarmHistory", caseName, p =>
        {
            p.PageToken("NextToken");
            var request = new DescribeAlarmHistoryRequest(
                p.String("AlarmName"),
                p.String("HistoryItemType"),
                p.String("StartDate") is { } start ? DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture) : null,
                p.String("EndDate") is { } end ? DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture) : null,
                p.String("ScanBy"),
                p.Int("MaxRecords") ?? 100);
            return clients => DrainAsync(clients.CloudWatch.DescribeAlarmHistoryAsync(request, None));
        });

    [Theory]
    [MemberData(nameof(SubscribeCases))]
    public Task Subscribe_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sns", "Subscribe", caseName, p =>
        {
            var (topic, protocol, endpoint) = (p.RequiredString("TopicArn"), p.RequiredString("Protocol"), p.RequiredString("Endpoint"));
            p.Constant("ReturnSubscriptionArn", JsonValue.Create(true));
            return clients => clients.Sns.SubscribeAsync(topic, protocol, endpoint, None);
        });

    [Theory]
    [MemberData(nameof(UnsubscribeCases))]
    public Task Unsubscribe_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sns", "Unsubscribe", caseName, p =>
        {
            var arn = p.RequiredString("SubscriptionArn");
            return clients => clients.Sns.UnsubscribeAsync(arn, None);
        });

    [Theory]
    [MemberData(nameof(CreateQueueCases))]
    public Task CreateQueue_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sqs", "CreateQueue", caseName, p =>
        {
            var name = p.RequiredString("QueueName");
            var attributes = Map(p.Node("Attributes"));
            var tags = Map(p.Node("tags"));
            return clients => clients.Sqs.CreateQueueAsync(name, attributes, tags, None);
        });

    [Theory]
    [MemberData(nameof(GetQueueAttributesCases))]
    public Task GetQueueAttributes_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sqs", "GetQueueAttributes", caseName, p =>
        {
            var (url, names) = (p.RequiredString("QueueUrl"), p.Strings("AttributeNames"));
            return clients => clients.Sqs.GetQueueAttributesAsync(url, names, None);
        });

    [Theory]
    [MemberData(nameof(SetQueueAttributesCases))]
    public Task SetQueueAttributes_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sqs", "SetQueueAttributes", caseName, p =>
        {
            var (url, attributes) = (p.RequiredString("QueueUrl"), Map(p.Node("Attributes")));
            return clients => clients.Sqs.SetQueueAttributesAsync(url, attributes, None);
        });

    [Theory]
    [MemberData(nameof(ReceiveMessageCases))]
    public Task ReceiveMessage_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sqs", "ReceiveMessage", caseName, p =>
        {
            var (url, max, wait) = (p.RequiredString("QueueUrl"), p.Int("MaxNumberOfMessages") ?? 1, p.Int("WaitTimeSeconds") ?? 0);
            return clients => clients.Sqs.ReceiveMessageAsync(url, max, wait, None);
        });

    [Theory]
    [MemberData(nameof(DeleteQueueCases))]
    public Task DeleteQueue_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sqs", "DeleteQueue", caseName, p =>
        {
            var url = p.RequiredString("QueueUrl");
            return clients => clients.Sqs.DeleteQueueAsync(url, None);
        });

    private static Dictionary<string, string> Map(JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(pair => pair.Key, pair => (string)pair.Value!, StringComparer.Ordinal) : [];
}
