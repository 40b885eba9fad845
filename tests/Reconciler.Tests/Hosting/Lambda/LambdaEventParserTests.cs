using Reconciler.Hosting.Lambda;

namespace Reconciler.Tests.Hosting.Lambda;

public sealed class LambdaEventParserTests
{
    [Theory]
    [InlineData("""{"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-11-25T12:00:00Z","region":"us-east-1","resources":[],"detail":{}}""", nameof(LambdaTrigger.Schedule), false, null)]
    [InlineData("""{}""", nameof(LambdaTrigger.Manual), false, null)]
    [InlineData("""{"dryRun": true}""", nameof(LambdaTrigger.Manual), true, null)]
    [InlineData("""{"dryRun": false}""", nameof(LambdaTrigger.Manual), false, null)]
    [InlineData("""{"policy": "project-management"}""", nameof(LambdaTrigger.Manual), false, "project-management")]
    [InlineData("""{"policy": "x", "dryRun": true}""", nameof(LambdaTrigger.Manual), true, "x")]
    [InlineData("""{"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-11-25T12:00:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:123456789012:rule/r"],"detail":{},"replay-name":"backfill"}""", nameof(LambdaTrigger.Schedule), false, null)]
    public void TryParse_SupportedEvent_ReturnsTriggerAndOptions(string raw, string triggerName, bool dryRun, string? policy)
    {
        var trigger = Enum.Parse<LambdaTrigger>(triggerName);
        var parsed = LambdaEventParser.TryParse(raw, out var lambdaEvent, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new LambdaEvent(trigger, dryRun, policy), lambdaEvent);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2]", "JSON ARRAY, not an object")]
    [InlineData("\"run\"", "JSON STRING, not an object")]
    [InlineData("""{"dryrun": true}""", "unknown field \"dryrun\"")]
    [InlineData("""{"dryRun": "yes"}""", "\"dryRun\" must be true or false, got \"yes\"")]
    [InlineData("""{"policy": "Bad Name"}""", "\"policy\" must be a policy name")]
    [InlineData("""{"policy": ""}""", "\"policy\" must be a policy name")]
    [InlineData("""{"policy": 7}""", "\"policy\" must be a policy name")]
    [InlineData("""{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{}}""", "source 'aws.ec2' with detail-type 'EC2 Instance State-change Notification'")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"custom.app"}""", "source 'custom.app'")]
    [InlineData("""{"Records":[{"EventSource":"aws:sns"}]}""", "Records[0] comes from eventSource (none), not 'aws:sqs'")]
    [InlineData("""{"dryRun": true, "dryRun": false}""", "the field $.\"dryRun\" appears more than once")]
    [InlineData("""{"dryRun": false, "dryRun": true}""", "the field $.\"dryRun\" appears more than once")]
    [InlineData("""{"policy": "a", "dryRun": true, "policy": "b"}""", "the field $.\"policy\" appears more than once")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","source":"aws.events","detail":{}}""", "the field $.\"source\" appears more than once")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","resources":[{"a":1,"a":2}],"detail":{}}""", "the field $.\"resources\"[0].\"a\" appears more than once")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{},"dryRun":true}""", "unknown field \"dryRun\" in an EventBridge scheduled event")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{},"policy":"x"}""", "unknown field \"policy\" in an EventBridge scheduled event")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{"dryRun":true}}""", "the \"detail\" of an EventBridge scheduled event is always {}, got {\"dryRun\":true}")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":"dry"}""", "the \"detail\" of an EventBridge scheduled event is always {}")]
    [InlineData("""{"policy": "orders\n"}""", "\"policy\" must be a policy name")]
    public void TryParse_UnsupportedEvent_ExplainsWhatIsWrongAndWhatIsExpected(string raw, string expectedFragment)
    {
        var parsed = LambdaEventParser.TryParse(raw, out var lambdaEvent, out var error);

        Assert.False(parsed);
        Assert.Null(lambdaEvent);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", error, StringComparison.Ordinal);
        Assert.Contains("{\"dryRun\": true", error, StringComparison.Ordinal);
    }
}
