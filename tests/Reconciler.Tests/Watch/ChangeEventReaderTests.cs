using Reconciler.Watch;
using Xunit;

namespace Reconciler.Tests.Watch;

/// <summary>The event reader over the sample events in testdata/cloudtrail (see its README for their sources).</summary>
public sealed class ChangeEventReaderTests
{
    private static string Sample(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Watch", "testdata", "cloudtrail", file));

    public static TheoryData<string, string> Touches => new()
    {
        { "lambda.CreateFunction.json", "function orders-api" },
        { "lambda.UpdateFunctionConfiguration.json", "function orders-api" },
        { "lambda.DeleteFunction.json", "function orders-api" },
        { "lambda.TagResource.json", "function orders-api" },
        { "lambda.UntagResource.json", "function orders-api" },
        { "apigateway.CreateStage.json", "stage a1b2c3d4e5/prod" },
        { "apigateway.UpdateStage.json", "stage a1b2c3d4e5/prod" },
        { "apigateway.DeleteStage.json", "stage a1b2c3d4e5/prod" },
        { "apigateway.CreateDeployment.json", "stage a1b2c3d4e5/prod" },
        { "apigateway.TagResource.json", "stage a1b2c3d4e5/prod" },
        { "apigateway.UntagResource.json", "stage a1b2c3d4e5/prod" },
        { "cloudwatch.PutMetricAlarm.json", "alarm reconciler-orders-orders-api-error-rate" },
        { "cloudwatch.DeleteAlarms.json", "alarm reconciler-orders-orders-api-error-rate" },
        { "cloudwatch.PutDashboard.json", "dashboard orders" },
        { "cloudwatch.DeleteDashboards.json", "dashboard orders" },
        { "logs.PutRetentionPolicy.json", "log group /aws/lambda/orders-api" },
        { "logs.DeleteRetentionPolicy.json", "log group /aws/lambda/orders-api" },
    };

    [Theory]
    [MemberData(nameof(Touches))]
    public void Read_EachDocumentedCall_NamesTheResourceItTouched(string file, string expected)
    {
        var change = Assert.IsType<EventReading.Change>(ChangeEventReader.Read(Sample(file))).Event;

        Assert.Equal(expected, Assert.Single(change.Touched) switch
        {
            TouchedFunction function => $"function {function.FunctionName}",
            TouchedStage stage => $"stage {stage.RestApiId}/{stage.StageName}",
            TouchedAlarm alarm => $"alarm {alarm.AlarmName}",
            TouchedDashboard dashboard => $"dashboard {dashboard.DashboardName}",
            TouchedLogGroup logGroup => $"log group {logGroup.LogGroupName}",
            var other => other.ToString(),
        });
        Assert.Null(change.ErrorCode);
        Assert.Equal("us-east-1", change.Region);
        Assert.NotNull(change.EventTime);
        Assert.Equal("arn:aws:iam::123456789012:user/alice", change.Author.Arn);
    }

    [Fact]
    public void Read_AnAssumedRoleSession_KeepsTheSessionAndItsRole()
    {
        var change = Assert.IsType<EventReading.Change>(ChangeEventReader.Read(Sample("lambda.UpdateFunctionConfiguration.by-role.json"))).Event;

        Assert.Equal("UpdateFunctionConfiguration20150331v2", change.EventName);
        Assert.Equal(EventReach.Resource, change.Watched.Reach);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/reconciler-role/reconciler", change.Author.Arn);
        Assert.Equal("arn:aws:iam::123456789012:role/reconciler-role", change.Author.SessionIssuerArn);
        Assert.Equal("4c146da3-75ca-4795-b615-d28b316b6927", change.CloudTrailEventId);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "not an EventBridge event object")]
    [InlineData("{\"id\": \"e1\", \"detail-type\": \"Scheduled Event\", \"detail\": {}}", "watch mode reads only 'AWS API Call via CloudTrail' events")]
    [InlineData("{\"id\": \"e1\", \"detail-type\": \"AWS API Call via CloudTrail\"}", "no \"detail\" object")]
    [InlineData("{\"id\": \"e1\", \"detail-type\": \"AWS API Call via CloudTrail\", \"detail\": {\"eventSource\": \"lambda.amazonaws.com\", \"eventName\": \"UpdateFunctionConfiguration20150331v2\", \"requestParameters\": {}}}", "names no resource where CloudTrail records one (requestParameters.functionName)")]
    public void Read_WhatIsNotAWatchedEvent_IsUnreadableWithTheReason(string json, string expected)
    {
        var unreadable = Assert.IsType<EventReading.Unreadable>(ChangeEventReader.Read(json));

        Assert.Contains(expected, unreadable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ACallThatIsNotWatched_IsIgnoredNotUnreadable()
    {
        const string json = "{\"id\": \"e1\", \"detail-type\": \"AWS API Call via CloudTrail\", \"detail\": {\"eventSource\": \"lambda.amazonaws.com\", \"eventName\": \"PublishVersion20150331\"}}";

        var ignored = Assert.IsType<EventReading.Ignored>(ChangeEventReader.Read(json));

        Assert.Equal("lambda.amazonaws.com PublishVersion20150331 is not a call watch mode reacts to", ignored.Reason);
    }

    [Fact]
    public void Read_AFailedCall_KeepsItsErrorCode()
    {
        const string json = "{\"id\": \"e1\", \"detail-type\": \"AWS API Call via CloudTrail\", \"detail\": {\"eventSource\": \"lambda.amazonaws.com\", \"eventName\": \"UpdateFunctionConfiguration20150331v2\", \"errorCode\": \"AccessDenied\", \"requestParameters\": null}}";

        var change = Assert.IsType<EventReading.Change>(ChangeEventReader.Read(json)).Event;

        Assert.Equal("AccessDenied", change.ErrorCode);
        Assert.Empty(change.Touched);
    }

    [Theory]
    [InlineData("orders-api", "orders-api")]
    [InlineData("orders-api:live", "orders-api")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:orders-api", "orders-api")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:orders-api:7", "orders-api")]
    [InlineData("123456789012:function:orders-api", "orders-api")]
    public void FunctionNameOf_EverySpellingLambdaAccepts_GivesTheName(string functionName, string expected) =>
        Assert.Equal(expected, ChangeEventReader.FunctionNameOf(functionName));
}
