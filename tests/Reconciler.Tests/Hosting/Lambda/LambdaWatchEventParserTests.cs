using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Hosting.Lambda;

namespace Reconciler.Tests.Hosting.Lambda;

/// <summary>The watch-mode events the Lambda host accepts: an SQS batch from the watch queue, or one CloudTrail event.</summary>
public sealed class LambdaWatchEventParserTests
{
    private static string Sample(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Watch", "testdata", "cloudtrail", file));

    /// <summary>An SQS record as the event source mapping delivers it (the shape of AWS's example event).</summary>
    private static JsonObject SqsRecord(string messageId, string body) => new()
    {
        ["messageId"] = messageId,
        ["receiptHandle"] = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
        ["body"] = body,
        ["attributes"] = new JsonObject
        {
            ["ApproximateReceiveCount"] = "1",
            ["SentTimestamp"] = "1749737112000",
            ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
            ["ApproximateFirstReceiveTimestamp"] = "1749737112013",
        },
        ["messageAttributes"] = new JsonObject(),
        ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
        ["eventSource"] = "aws:sqs",
        ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:reconciler-watch",
        ["awsRegion"] = "us-east-1",
    };

    private static string Batch(params JsonObject[] records) =>
        new JsonObject { ["Records"] = new JsonArray([.. records]) }.ToJsonString();

    [Fact]
    public void TryParse_SqsBatch_KeepsEachMessageIdAndBodyInOrder()
    {
        var change = Sample("lambda.UpdateFunctionConfiguration.json");
        var raw = Batch(SqsRecord("059f36b4-87a3-44ab-83d2-661975830a7d", change), SqsRecord("2e1424d4-f796-459a-8184-9c92662be6da", "not json"));

        Assert.True(LambdaEventParser.TryParse(raw, out var lambdaEvent, out var error), error);

        Assert.Equal(LambdaTrigger.WatchQueue, lambdaEvent!.Trigger);
        Assert.False(lambdaEvent.DryRun);
        var delivery = Assert.IsType<ChangeDelivery>(lambdaEvent.Changes);
        Assert.True(delivery.FromQueue);
        Assert.Equal(["059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da"], delivery.Messages.Select(m => m.ItemId));
        Assert.Equal(change, delivery.Messages[0].Body);
        Assert.Equal("not json", delivery.Messages[1].Body);
    }

    [Fact]
    public void TryParse_CloudTrailEventSentStraightToTheFunction_IsOneChangeNamedByItsEventId()
    {
        var raw = Sample("lambda.UpdateFunctionConfiguration.json");

        Assert.True(LambdaEventParser.TryParse(raw, out var lambdaEvent, out var error), error);

        Assert.Equal(LambdaTrigger.ChangeEvent, lambdaEvent!.Trigger);
        var delivery = Assert.IsType<ChangeDelivery>(lambdaEvent.Changes);
        Assert.False(delivery.FromQueue);
        var message = Assert.Single(delivery.Messages);
        Assert.Equal("4f6032cc-4653-4d09-9742-78ad49f9c0bc", message.ItemId);
        Assert.Equal(raw, message.Body);
    }

    [Fact]
    public void TryParse_ScheduledAndManualEvents_CarryNoChanges()
    {
        Assert.True(LambdaEventParser.TryParse("{}", out var manual, out _));

        Assert.Null(manual!.Changes);
    }

    public static TheoryData<string, string> RefusedBatches() => new()
    {
        { Batch(SqsRecord("m-1", "{}"), new JsonObject { ["eventSource"] = "aws:kinesis", ["kinesis"] = new JsonObject() }), "Records[1] comes from eventSource 'aws:kinesis', not 'aws:sqs'" },
        { """{"Records":[{"EventSource":"aws:sns","Sns":{}}]}""", "Records[0] comes from eventSource (none)" },
        { """{"Records":[]}""", "\"Records\" must be a non-empty list of SQS messages, got []" },
        { """{"Records":{"messageId":"m-1"}}""", "\"Records\" must be a non-empty list" },
        { """{"Records":[7]}""", "Records[0] is not an object" },
        { Batch(SqsRecord("", "{}")), "Records[0] has no \"messageId\" or \"body\" string" },
        { """{"Records":[{"eventSource":"aws:sqs","messageId":"m-1"}]}""", "Records[0] has no \"messageId\" or \"body\" string" },
        { """{"Records":[{"eventSource":"aws:sqs","messageId":"m-1","body":{"detail":{}}}]}""", "Records[0] has no \"messageId\" or \"body\" string" },
        { """{"Records":[{"eventSource":"aws:sqs","messageId":"m-1","body":"{}"}],"dryRun":true}""", "an SQS batch has only \"Records\", not \"dryRun\" beside it" },
        { """{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.lambda","detail":{}}""", "\"AWS API Call via CloudTrail\" event without an \"id\"" },
    };

    [Theory]
    [MemberData(nameof(RefusedBatches))]
    public void TryParse_MisroutedOrMalformedWatchEvent_RefusesTheWholeEventAndSaysWhy(string raw, string expectedFragment)
    {
        Assert.False(LambdaEventParser.TryParse(raw, out var lambdaEvent, out var error));

        Assert.Null(lambdaEvent);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_RefusedBatch_DoesNotEchoMessageBodies()
    {
        var secretBody = JsonSerializer.Serialize(new { token = "do-not-log-me" });
        var raw = Batch(SqsRecord("m-1", secretBody), new JsonObject { ["eventSource"] = "aws:dynamodb" });

        Assert.False(LambdaEventParser.TryParse(raw, out _, out var error));

        Assert.DoesNotContain("do-not-log-me", error, StringComparison.Ordinal);
    }
}
