using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Tests.Hosting.Lambda;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// Watch mode through the AOT bootstrap: SQS batches of CloudTrail events as the event source mapping delivers them
/// (docs/watch.md), and one event sent straight to the function.
/// </summary>
public sealed partial class NativeBootstrapEndToEndTests
{
    // moto answers GetCallerIdentity with this user, so an event by it is the reconciler's own write.
    private const string MotoIdentity = "arn:aws:sts::123456789012:user/moto";

    [Fact]
    public async Task WatchQueueBatch_DriftDuplicateOwnWriteAndPoison_CorrectsOnlyTheTouchedFunctionAndRetriesOnlyThePoison()
    {
        var functions = await SeedFunctionsAsync(2);
        var (topicArn, queueUrl) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        var drift = ChangeEvent(functions[0]);
        var batch = SqsBatch(
            ("m-drift", drift),
            ("m-duplicate", drift),
            ("m-own-write", ChangeEvent(functions[1]).Replace("arn:aws:iam::123456789012:user/alice", MotoIdentity, StringComparison.Ordinal)),
            ("m-poison", """{"id": "poison", "detail-type": "AWS API Call via CloudTrail"}"""));
        runtime.Enqueue($"watch-{_suffix}", batch, DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        // Only the poison message goes back to the queue; the others are deleted by the event source mapping.
        Assert.True(posted.Kind == PostKind.Response, $"Expected a response, got {posted.Kind} {posted.ErrorType}: {posted.Body}\n{process.Output}");
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-poison"}]}""", posted.Body);

        // The touched function is corrected with its alarms; the one changed by the reconciler itself is left to the resync.
        Assert.Equal(["Active", "PassThrough"], await TracingModesAsync(functions));
        Assert.Equal(2, (await OwnedAlarmNamesAsync()).Count);

        // The report went to SNS, naming who changed what; the poison event is a run error and part of the trigger.
        using var envelope = JsonDocument.Parse(await ReceiveOneAsync(queueUrl));
        using var message = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
        var report = message.RootElement;
        Assert.Equal(3, report.GetProperty("schemaMinorVersion").GetInt32());
        var events = report.GetProperty("trigger").GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["m-drift", "m-duplicate", "m-poison"], events.Select(e => e.GetProperty("itemId").GetString()));
        Assert.Equal(["reconciled", "reconciled", "unreadable"], events.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("arn:aws:iam::123456789012:user/alice", events[0].GetProperty("userIdentityArn").GetString());
        Assert.Equal("debab40c-8d33-4aaf-8ddf-fb5ba4f20f2b", events[0].GetProperty("cloudTrailEventId").GetString());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Contains("message m-poison could not be read", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var tracingWrites = Entries(report).Count(e => e.Kind == "lambdaFunction" && e.Status == "corrected");
        Assert.Equal(1, tracingWrites);
        Assert.DoesNotContain(Entries(report), e => e.Name == functions[1]);

        await process.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task WatchQueueBatch_CreateFunctionOfATaggedFunction_GivesItTracingAndAlarms()
    {
        var functions = await SeedFunctionsAsync(1);
        var (topicArn, _) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        runtime.Enqueue($"create-{_suffix}", SqsBatch(("m-create", Sample("lambda.CreateFunction.json", functions[0]))), DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        Assert.True(posted.Kind == PostKind.Response, $"Expected a response, got {posted.Kind} {posted.ErrorType}: {posted.Body}\n{process.Output}");
        Assert.Equal("""{"batchItemFailures":[]}""", posted.Body);
        Assert.Equal(["Active"], await TracingModesAsync(functions));
        Assert.Equal(2, (await OwnedAlarmNamesAsync()).Count);
    }

    [Fact]
    public async Task WatchQueueBatch_DeleteFunction_PrunesItsAlarmsOnceLambdaSaysItIsGone()
    {
        var functions = await SeedFunctionsAsync(2);
        var (topicArn, _) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);
        runtime.Enqueue($"converge-{_suffix}", ScheduledEvent(), DateTimeOffset.UtcNow.AddMinutes(15));
        var converged = await runtime.NextPostAsync(PostTimeout);
        Assert.True(converged.Kind == PostKind.Response, $"{converged.Kind} {converged.ErrorType}: {converged.Body}\n{process.Output}");
        Assert.Equal(4, (await OwnedAlarmNamesAsync()).Count);

        await moto.Seeder.DeleteFunctionAsync(functions[0]);
        runtime.Enqueue($"delete-{_suffix}", SqsBatch(("m-delete", Sample("lambda.DeleteFunction.json", functions[0]))), DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        Assert.True(posted.Kind == PostKind.Response, $"Expected a response, got {posted.Kind} {posted.ErrorType}: {posted.Body}\n{process.Output}");
        Assert.Equal("""{"batchItemFailures":[]}""", posted.Body);
        var left = await OwnedAlarmNamesAsync();
        Assert.Equal(2, left.Count);
        Assert.All(left, name => Assert.Contains(functions[1], name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchQueueBatch_WhatItTouchedIsInSync_DeletesTheBatchAndPublishesNothing()
    {
        var functions = await SeedFunctionsAsync(1);
        var (topicArn, queueUrl) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);
        runtime.Enqueue($"first-{_suffix}", SqsBatch(("m-1", ChangeEvent(functions[0]))), DateTimeOffset.UtcNow.AddMinutes(15));
        var first = await runtime.NextPostAsync(PostTimeout);
        Assert.True(first.Kind == PostKind.Response, $"{first.Kind} {first.ErrorType}: {first.Body}\n{process.Output}");
        await ReceiveOneAsync(queueUrl);

        // The same change delivered again (SQS delivers at least once): nothing to correct, so nothing to report.
        runtime.Enqueue($"again-{_suffix}", SqsBatch(("m-1-again", ChangeEvent(functions[0]))), DateTimeOffset.UtcNow.AddMinutes(15));
        var again = await runtime.NextPostAsync(PostTimeout);

        Assert.True(again.Kind == PostKind.Response, $"{again.Kind} {again.ErrorType}: {again.Body}\n{process.Output}");
        Assert.Equal("""{"batchItemFailures":[]}""", again.Body);
        Assert.Empty(await moto.Seeder.ReceiveMessagesAsync(queueUrl));
        Assert.Contains("Did not publish the report of policy e2e-" + _suffix + ": a watch run reports only what it corrected", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchWithARecordFromAnotherSource_IsRefusedWholeAndWritesNothing()
    {
        var functions = await SeedFunctionsAsync(1);
        var (topicArn, queueUrl) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        var batch = JsonNode.Parse(SqsBatch(("m-1", ChangeEvent(functions[0]))))!;
        batch["Records"]!.AsArray().Add(new JsonObject { ["eventSource"] = "aws:kinesis", ["kinesis"] = new JsonObject() });
        runtime.Enqueue($"misrouted-{_suffix}", batch.ToJsonString(), DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        Assert.True(posted.Kind == PostKind.Error, $"Expected an error, got {posted.Kind}: {posted.Body}\n{process.Output}");
        Assert.Equal("Reconciler.UnsupportedEvent", posted.ErrorType);
        using (var body = JsonDocument.Parse(posted.Body))
        {
            Assert.Contains("Records[1] comes from eventSource 'aws:kinesis'", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(["PassThrough"], await TracingModesAsync(functions));
        Assert.Empty(await OwnedAlarmNamesAsync());
        Assert.Empty(await moto.Seeder.ReceiveMessagesAsync(queueUrl));
    }

    [Fact]
    public async Task CloudTrailEventSentStraightToTheFunction_IsReconciledAndAnsweredWithTheWatchResult()
    {
        var functions = await SeedFunctionsAsync(1);
        var (topicArn, _) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        runtime.Enqueue($"direct-{_suffix}", ChangeEvent(functions[0]), DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        Assert.True(posted.Kind == PostKind.Response, $"Expected a response, got {posted.Kind} {posted.ErrorType}: {posted.Body}\n{process.Output}");
        using var result = JsonDocument.Parse(posted.Body);
        var item = Assert.Single(result.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("4f6032cc-4653-4d09-9742-78ad49f9c0bc", item.GetProperty("itemId").GetString());
        Assert.Equal("reconciled", item.GetProperty("status").GetString());
        Assert.Equal("corrected", result.RootElement.GetProperty("report").GetProperty("summary").GetProperty("outcome").GetString());
        Assert.Equal(["Active"], await TracingModesAsync(functions));
    }

    /// <summary>The UpdateFunctionConfiguration sample (tracing turned off by hand) for <paramref name="function"/>.</summary>
    private static string ChangeEvent(string function) => Sample("lambda.UpdateFunctionConfiguration.json", function);

    /// <summary>A sample of tests/Reconciler.Tests/Watch/testdata/cloudtrail, about <paramref name="function"/>.</summary>
    private static string Sample(string file, string function) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Watch", "testdata", "cloudtrail", file))
            .Replace("orders-api", function, StringComparison.Ordinal);

    /// <summary>An SQS event as Lambda's event source mapping delivers it, one record per (message id, body).</summary>
    private static string SqsBatch(params (string MessageId, string Body)[] messages) => new JsonObject
    {
        ["Records"] = new JsonArray([.. messages.Select(message => (JsonNode)new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["receiptHandle"] = $"AQEB-{message.MessageId}",
            ["body"] = message.Body,
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = $"arn:aws:sqs:{MotoFixture.Region}:{MotoFixture.AccountId}:reconciler-watch",
            ["awsRegion"] = MotoFixture.Region,
        })]),
    }.ToJsonString();
}
