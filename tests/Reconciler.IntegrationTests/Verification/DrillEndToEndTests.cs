using System.Diagnostics;
using System.Text.Json.Nodes;
using Reconciler.Aws;
using Reconciler.Drill;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Reconciliation;

namespace Reconciler.IntegrationTests.Verification;

/// <summary>
/// `reconciler drill` against moto with launcher patches I-K (CloudWatch's history, its SNS actions and its wording):
/// each alarm is fired, its actions judged from the alarm history, and its state set back.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class DrillEndToEndTests(MotoFixture moto) : IDisposable
{
    private static readonly DrillOptions Fast = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
    private readonly PolicyDirectory _policies = new();
    private readonly AwsCli _cli = new(moto.Endpoint);

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task Drill_HealthyTopicWithSqsSubscriber_DeliveredTheMessageArrivesAndTheStateIsRestored()
    {
        var (app, topic) = await SeedAsync("healthy");
        var queue = await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);
        await ApplyAsync(app, topic);

        var result = await DrillAsync(app);

        var alarm = Assert.Single(result.Alarms);
        var action = Assert.Single(alarm.Actions);
        Assert.Equal((ActionOutcome.Delivered, topic), (action.Outcome!.Value, action.ActionArn));
        Assert.Equal($"Successfully executed action {topic}", action.Detail);
        Assert.Equal("OK", alarm.RestoredState);
        Assert.True(result.AllDelivered);
        var message = Assert.Single(await moto.Seeder.ReceiveMessagesAsync(queue), body => body.Contains("\"NewStateValue\\\":\\\"ALARM", StringComparison.Ordinal));
        Assert.Contains(result.RunId, message, StringComparison.Ordinal);
        Assert.Equal("OK", (string)(await DescribeAsync(AlarmName(app)))["StateValue"]!);
        var states = (await _cli.RunAsync("cloudwatch", "describe-alarm-history", "--alarm-name", AlarmName(app), "--history-item-type", "StateUpdate", "--scan-by", "TimestampAscending"))["AlarmHistoryItems"]!.AsArray();
        Assert.Equal(["Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK"], states.Select(item => (string)item!["HistorySummary"]!));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Drill_TopicDeleted_FailedWithCloudWatchsErrorAndTheRemedy()
    {
        var (app, topic) = await SeedAsync("deleted");
        await ApplyAsync(app, topic);
        await _cli.RunAsync("sns", "delete-topic", "--topic-arn", topic);

        var result = await DrillAsync(app);

        var action = Assert.Single(Assert.Single(result.Alarms).Actions);
        Assert.Equal(ActionOutcome.Failed, action.Outcome);
        Assert.Contains("Topic does not exist", action.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Create the topic", action.Remedy, StringComparison.Ordinal);
        Assert.Equal("topicMissing", Assert.Single(result.Warnings).Code);
        Assert.False(result.AllDelivered);
    }

    [Fact]
    public async Task Drill_TopicEncryptedWithAwsManagedKey_FailedWithTheKmsRemedy()
    {
        var (app, topic) = await SeedAsync("kms", "KmsMasterKeyId=alias/aws/sns");
        await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);
        await ApplyAsync(app, topic);

        var result = await DrillAsync(app);

        var action = Assert.Single(Assert.Single(result.Alarms).Actions);
        Assert.Equal(ActionOutcome.Failed, action.Outcome);
        Assert.Equal("CloudWatch Alarms does not have authorization to access the SNS topic encryption key.", action.Detail);
        Assert.Contains("customer managed KMS key", action.Remedy, StringComparison.Ordinal);
        Assert.Equal("OK", Assert.Single(result.Alarms).RestoredState);
    }

    [Fact]
    public async Task Drill_OnlyAPendingEmailSubscription_CloudWatchDeliversButTheCheckFlagsIt()
    {
        var (app, topic) = await SeedAsync("pending");
        await _cli.RunAsync("sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", "oncall@example.com");
        await ApplyAsync(app, topic);

        var result = await DrillAsync(app);

        Assert.Equal(ActionOutcome.Delivered, Assert.Single(Assert.Single(result.Alarms).Actions).Outcome);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("noConfirmedSubscription", topic), (warning.Code, warning.Subject));
        Assert.Contains("? " + topic, DrillTextRenderer.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_GlobMatchesAForeignAlarm_ListedAsSkippedAndLeftByteIdentical()
    {
        var (app, topic) = await SeedAsync("foreign");
        await ApplyAsync(app, topic);
        var foreign = $"{app}-team-error-rate";
        await _cli.RunAsync("cloudwatch", "put-metric-alarm", "--alarm-name", foreign, "--metric-name", "Errors", "--namespace", "AWS/Lambda",
            "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1", "--threshold", "1", "--comparison-operator", "GreaterThanThreshold",
            "--alarm-actions", topic, "--alarm-description", "The team's own alarm");
        var before = (await DescribeAsync(foreign)).ToJsonString();

        var result = await DrillAsync(app, globs: [$"{app}*error-rate"]);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(foreign, skipped.AlarmName);
        Assert.Contains("no ownership marker", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(AlarmName(app), Assert.Single(result.Alarms).AlarmName);
        Assert.Equal(before, (await DescribeAsync(foreign)).ToJsonString());
        Assert.Empty((await _cli.RunAsync("cloudwatch", "describe-alarm-history", "--alarm-name", foreign))["AlarmHistoryItems"]!.AsArray());
    }

    [Fact]
    public async Task VerifyDelivery_HealthyTopic_MessageReceivedAndQueueAndSubscriptionRemoved()
    {
        var (app, topic) = await SeedAsync("verify");
        await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);
        await ApplyAsync(app, topic);
        var announced = new List<string>();

        var result = await DrillAsync(app, verifyDelivery: true, announce: announced.Add);

        var action = Assert.Single(Assert.Single(result.Alarms).Actions);
        Assert.Equal((ActionOutcome.Delivered, true), (action.Outcome!.Value, action.MessageReceived));
        Assert.True(result.Delivery!.CleanedUp, string.Join("; ", result.Delivery.Problems));
        Assert.Contains(announced, line => line.StartsWith("Created the temporary SQS queue", StringComparison.Ordinal));
        await AssertNothingLeftAsync(topic, result.Delivery);
    }

    [Fact]
    public async Task VerifyDelivery_InterruptedWhileWaiting_StateRestoredQueueAndSubscriptionRemoved()
    {
        var (app, topic) = await SeedAsync("ctrlc");
        await ApplyAsync(app, topic);
        using var interrupt = new CancellationTokenSource();
        // Ctrl-C once the alarm is fired and the drill waits (a 30 s poll interval keeps it waiting).
        var slow = new DrillOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var result = await DrillAsync(app, verifyDelivery: true, options: slow, announce: line =>
        {
            if (line.StartsWith("Subscribed", StringComparison.Ordinal))
            {
                interrupt.CancelAfter(TimeSpan.FromSeconds(1));
            }
        }, cancellationToken: interrupt.Token);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the drill took {watch.Elapsed} after Ctrl-C");
        Assert.True(result.Interrupted);
        var alarm = Assert.Single(result.Alarms);
        Assert.Equal(ActionOutcome.Unknown, Assert.Single(alarm.Actions).Outcome);
        Assert.Equal("OK", alarm.RestoredState);
        Assert.Equal("OK", (string)(await DescribeAsync(AlarmName(app)))["StateValue"]!);
        Assert.True(result.Delivery!.CleanedUp);
        await AssertNothingLeftAsync(topic, result.Delivery);
    }

    [Fact]
    public async Task Cli_PreviewThenDrillWithVerifyDelivery_PreviewChangesNothingAndTheDrillExitsZeroWithJson()
    {
        var (app, topic) = await SeedAsync("cli");
        await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);
        await ApplyAsync(app, topic);
        string[] common = ["drill", "--policies", _policies.Path, "--endpoint-url", moto.Endpoint.ToString(), "--region", MotoFixture.Region, "--timeout", "10"];

        var preview = await RunCliAsync(app, common);
        var history = await _cli.RunAsync("cloudwatch", "describe-alarm-history", "--alarm-name", AlarmName(app));
        var drill = await RunCliAsync(app, [.. common, "--yes", "--verify-delivery", "--output", "json"]);

        Assert.True(preview.ExitCode == 0, preview.Stderr);
        Assert.Contains("Nothing was changed", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains($"would notify  {topic}", preview.Stdout, StringComparison.Ordinal);
        Assert.Empty(history["AlarmHistoryItems"]!.AsArray());
        Assert.True(drill.ExitCode == 0, $"drill exited {drill.ExitCode}: {drill.Stderr}\n{drill.Stdout}");
        var json = JsonNode.Parse(drill.Stdout)!;
        var action = json["alarms"]![0]!["actions"]![0]!;
        Assert.Equal(("delivered", true), ((string)action["outcome"]!, (bool)action["messageReceived"]!));
        Assert.Contains("Created the temporary SQS queue", drill.Stderr, StringComparison.Ordinal);
        Assert.Contains("Deleted the temporary SQS queue", drill.Stderr, StringComparison.Ordinal);
    }

    private async Task AssertNothingLeftAsync(string topic, DeliveryCheckResources delivery)
    {
        var queues = await _cli.RunAsync("sqs", "list-queues", "--queue-name-prefix", "reconciler-drill-");
        Assert.DoesNotContain(delivery.QueueUrl, (queues["QueueUrls"]?.AsArray() ?? []).Select(url => (string?)url));
        var subscriptions = (await _cli.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", topic))["Subscriptions"]!.AsArray();
        Assert.All(delivery.Subscriptions, arn => Assert.DoesNotContain(arn, subscriptions.Select(s => (string?)s!["SubscriptionArn"])));
        Assert.NotEmpty(delivery.Subscriptions);
    }

    private async Task<DrillResult> DrillAsync(
        string app,
        IReadOnlyList<string>? globs = null,
        bool verifyDelivery = false,
        DrillOptions? options = null,
        Action<string>? announce = null,
        CancellationToken cancellationToken = default)
    {
        using var aws = moto.CreateClients();
        var request = new DrillRequest(RunIds.New(TimeProvider.System, "drill"), Load(app), globs ?? [], app, Execute: true, verifyDelivery);
        return await new DrillRun(aws, MotoFixture.Region, TimeProvider.System, options ?? Fast, announce ?? (_ => { })).RunAsync(request, cancellationToken);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(string app, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reconciler.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Apply(start);
        start.Environment["ALARM_NAME_PREFIX"] = app;
        return await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));
    }

    private async Task<JsonNode> DescribeAsync(string alarmName) =>
        (await _cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-names", alarmName))["MetricAlarms"]!.AsArray().Single()!;

    private static string AlarmName(string app) => $"{app}-{app}-{app}-fn-error-rate";

    private async Task ApplyAsync(string app, string topic)
    {
        using var aws = moto.CreateClients();
        var result = await Reconciler.IntegrationTests.Engine.Engine.ApplyAsync(aws, Load(app, topic), app);
        Assert.Empty(result.Errors);
        Assert.Equal("OK", (string)(await DescribeAsync(AlarmName(app)))["StateValue"]!);
    }

    private async Task<(string App, string Topic)> SeedAsync(string name, string? attribute = null)
    {
        var app = $"dr-{name}-{MotoFixture.UniqueSuffix()}";
        await moto.Seeder.CreateFunctionAsync(app + "-fn", new Dictionary<string, string> { ["app"] = app });
        var arguments = new List<string> { "sns", "create-topic", "--name", app + "-alerts" };
        if (attribute is not null)
        {
            arguments.AddRange(["--attributes", attribute]);
        }

        var created = await _cli.RunAsync([.. arguments]);
        return (app, (string)created["TopicArn"]!);
    }

    private IReadOnlyList<Reconciler.Policies.ObservabilityPolicy> Load(string app, string? topic = null)
    {
        if (topic is null)
        {
            return _policies.Load();
        }

        return _policies.Write(app + ".yaml", PolicyYaml.ErrorRateAlarmOnly(app, topic)).Load();
    }
}
