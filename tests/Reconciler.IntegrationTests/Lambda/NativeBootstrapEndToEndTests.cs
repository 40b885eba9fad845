using System.Globalization;
using System.Text.Json;
using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Tests.Hosting.Lambda;
using Xunit.Abstractions;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// The Native AOT bootstrap, published once, driven through a fake Lambda Runtime API on 127.0.0.1 against moto:
/// what Lambda would see (the posted response or error) and what the account looks like afterwards.
/// </summary>
[Collection(MotoTests.Name)]
public sealed partial class NativeBootstrapEndToEndTests(MotoFixture moto, NativeBootstrapFixture bootstrap, ITestOutputHelper output)
    : IClassFixture<NativeBootstrapFixture>, IDisposable
{
    // The host stops starting writes this long before Lambda's deadline (LambdaHostOptions.DeadlineSafetyMargin).
    private static readonly TimeSpan HostSafetyMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PostTimeout = TimeSpan.FromMinutes(3);

    private readonly string _suffix = MotoFixture.UniqueSuffix();
    private readonly string _policies = Directory.CreateTempSubdirectory("reconciler-e2e-policies-").FullName;
    private readonly List<BootstrapProcess> _started = [];

    private string AlarmPrefix => $"e2e-{_suffix}";

    private Dictionary<string, string> Tags => new() { ["e2e-app"] = _suffix };

    // A failed assertion must not leave a bootstrap running.
    public void Dispose()
    {
        foreach (var process in _started)
        {
            process.Dispose();
        }

        Directory.Delete(_policies, recursive: true);
    }

    [Fact]
    public void Publish_NativeAot_HasNoWarnings()
    {
        Assert.True(File.Exists(bootstrap.BootstrapPath));
        output.WriteLine($"Published {bootstrap.BootstrapPath} ({new FileInfo(bootstrap.BootstrapPath).Length:N0} bytes) in {bootstrap.PublishDuration.TotalSeconds:0} s.");
        Assert.True(
            bootstrap.Warnings.Count == 0,
            $"The AOT publish must be warning-free (ILC, trim and AOT analysis):\n{string.Join('\n', bootstrap.Warnings)}");
    }

    [Fact]
    public async Task ScheduledEvent_DriftedAccount_PostsReportConvergesAndPublishesToSns()
    {
        var functions = await SeedFunctionsAsync(2);
        var (topicArn, queueUrl) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        var requestId = $"scheduled-{_suffix}";
        runtime.Enqueue(requestId, ScheduledEvent(), DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        Assert.True(posted.Kind == PostKind.Response, $"Expected a response, got {posted.Kind} {posted.ErrorType}: {posted.Body}\n{process.Output}");
        Assert.Equal(requestId, posted.RequestId);
        using var report = JsonDocument.Parse(posted.Body);
        var root = report.RootElement;
        Assert.Equal("reconciler.observability/report-v1", root.GetProperty("schemaVersion").GetString());
        Assert.Equal(requestId, root.GetProperty("runId").GetString());
        Assert.Equal("corrected", root.GetProperty("summary").GetProperty("outcome").GetString());
        Assert.Equal(0, root.GetProperty("summary").GetProperty("changes").GetProperty("failed").GetInt32());
        Assert.Equal(0, root.GetProperty("pending").GetArrayLength());
        var corrected = Entries(root).Where(entry => entry.Status == "corrected").ToList();
        Assert.Equal(functions.Order(StringComparer.Ordinal), corrected.Where(e => e.Kind == "lambdaFunction").Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(4, corrected.Count(entry => entry.Kind == "alarm"));

        // The account converged: what moto holds now, read with the project's own clients.
        Assert.All(await TracingModesAsync(functions), mode => Assert.Equal("Active", mode));
        Assert.Equal(4, (await OwnedAlarmNamesAsync()).Count);

        // The report reached the topic's SQS subscriber: the SNS envelope carries the JSON report of this run.
        var delivered = await ReceiveOneAsync(queueUrl);
        using var envelope = JsonDocument.Parse(delivered);
        using var message = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
        Assert.Equal(requestId, message.RootElement.GetProperty("runId").GetString());
        Assert.Equal("corrected", message.RootElement.GetProperty("summary").GetProperty("outcome").GetString());

        // The bootstrap goes back for the next event and stops cleanly on SIGTERM.
        await runtime.WaitForNextRequestsAsync(2, TimeSpan.FromSeconds(30));
        await process.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task ScheduledEvent_InvalidPolicy_PostsErrorAndWritesNothing()
    {
        var functions = await SeedFunctionsAsync(1);
        var (topicArn, queueUrl) = await SeedReportTopicAsync();

        // Valid but for one alarm's comparison: had it loaded, the run would have set tracing and created alarms.
        WritePolicy(ValidPolicy(topicArn).Replace("threshold: 2000", "threshold: 2000\n        comparison: BiggerThan", StringComparison.Ordinal));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        runtime.Enqueue($"invalid-{_suffix}", ScheduledEvent(), DateTimeOffset.UtcNow.AddMinutes(15));
        var posted = await runtime.NextPostAsync(PostTimeout);

        Assert.True(posted.Kind == PostKind.Error, $"Expected an error, got {posted.Kind}: {posted.Body}\n{process.Output}");
        Assert.Equal("Reconciler.RunFailed", posted.ErrorType);
        using var body = JsonDocument.Parse(posted.Body);
        var errorMessage = body.RootElement.GetProperty("errorMessage").GetString()!;
        Assert.Contains("policy error", errorMessage, StringComparison.Ordinal);
        Assert.Contains("BiggerThan", errorMessage, StringComparison.Ordinal);
        Assert.Empty(body.RootElement.GetProperty("stackTrace").EnumerateArray());

        // Not a crash: the bootstrap asks for the next event.
        await runtime.WaitForNextRequestsAsync(2, TimeSpan.FromSeconds(30));
        Assert.False(process.HasExited);

        // Nothing changed and nothing was published.
        Assert.All(await TracingModesAsync(functions), mode => Assert.Equal("PassThrough", mode));
        Assert.Empty(await OwnedAlarmNamesAsync());
        Assert.Empty(await moto.Seeder.ReceiveMessagesAsync(queueUrl));
    }

    [Fact]
    public async Task ScheduledEvent_DeadlineTooCloseForAllWrites_PostsPendingWorkAndNextRunFinishes()
    {
        // 20 functions × (tracing + 2 alarms) = 60 writes; PutMetricAlarm alone is paced at 3/s by the client-side
        // quota, so they cannot all start within a write budget of a few seconds.
        var functions = await SeedFunctionsAsync(20);
        var (topicArn, _) = await SeedReportTopicAsync();
        WritePolicy(ValidPolicy(topicArn));
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);

        // Lambda's deadline 34 s ahead: the run stops starting writes after about 4 s (the host keeps 30 s).
        var deadline = DateTimeOffset.UtcNow + HostSafetyMargin + TimeSpan.FromSeconds(4);
        runtime.Enqueue($"short-{_suffix}", ScheduledEvent(), deadline);
        var posted = await runtime.NextPostAsync(PostTimeout);
        var postedAt = DateTimeOffset.UtcNow;

        Assert.True(posted.Kind == PostKind.Response, $"Expected a response, got {posted.Kind} {posted.ErrorType}: {posted.Body}\n{process.Output}");
        Assert.True(postedAt < deadline, $"Posted at {postedAt:O}, after Lambda's deadline {deadline:O}.");
        using (var report = JsonDocument.Parse(posted.Body))
        {
            var root = report.RootElement;
            Assert.Equal("deadline", root.GetProperty("stopReason").GetString());
            Assert.Equal("drifted", root.GetProperty("summary").GetProperty("outcome").GetString());
            Assert.True(root.GetProperty("summary").GetProperty("changes").GetProperty("pending").GetInt32() > 0);
            Assert.NotEqual(0, root.GetProperty("pending").GetArrayLength());
        }

        Assert.True((await OwnedAlarmNamesAsync()).Count < 40, "Every alarm was created although the deadline had passed.");

        // The next run (a normal deadline) picks up what was left and the account converges.
        runtime.Enqueue($"resume-{_suffix}", ScheduledEvent(), DateTimeOffset.UtcNow.AddMinutes(15));
        var resumed = await runtime.NextPostAsync(PostTimeout);

        Assert.True(resumed.Kind == PostKind.Response, $"Expected a response, got {resumed.Kind} {resumed.ErrorType}: {resumed.Body}\n{process.Output}");
        using (var report = JsonDocument.Parse(resumed.Body))
        {
            var root = report.RootElement;
            Assert.Equal(JsonValueKind.Null, root.GetProperty("stopReason").ValueKind);
            Assert.Equal(0, root.GetProperty("pending").GetArrayLength());
            Assert.Equal(0, root.GetProperty("summary").GetProperty("changes").GetProperty("failed").GetInt32());
        }

        Assert.All(await TracingModesAsync(functions), mode => Assert.Equal("Active", mode));
        Assert.Equal(40, (await OwnedAlarmNamesAsync()).Count);
    }

    private BootstrapProcess Start(FakeRuntimeApi runtime)
    {
        var process = BootstrapProcess.Start(bootstrap.BootstrapPath, new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = $"reconciler-e2e-{_suffix}",
            ["LAMBDA_TASK_ROOT"] = Path.GetDirectoryName(bootstrap.BootstrapPath)!,
            ["POLICY_DIR"] = _policies,
            ["ALARM_NAME_PREFIX"] = AlarmPrefix,
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
            ["AWS_REGION"] = MotoFixture.Region,
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_SESSION_TOKEN"] = "testing",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        });
        _started.Add(process);
        return process;
    }

    private string ValidPolicy(string topicArn) => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: e2e-{_suffix}
        spec:
          mode: enforce
          selector:
            tags:
              e2e-app: "{_suffix}"
            resourceTypes: [lambda:function]
          tracing:
            lambda: Active
          alarms:
            lambda:
              - name: error-rate
                metric: ErrorRate
                threshold: 5
              - name: latency
                metric: Duration
                statistic: p99
                threshold: 2000
          report:
            topicArn: "{topicArn}"
            when: always
        """;

    private void WritePolicy(string yaml) => File.WriteAllText(Path.Combine(_policies, "e2e.yaml"), yaml);

    private string ScheduledEvent() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "Scheduled Event",
        ["source"] = "aws.events",
        ["account"] = MotoFixture.AccountId,
        ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["region"] = MotoFixture.Region,
        ["resources"] = new[] { $"arn:aws:events:{MotoFixture.Region}:{MotoFixture.AccountId}:rule/reconciler-{_suffix}" },
        ["detail"] = new Dictionary<string, object>(),
    });

    private async Task<List<string>> SeedFunctionsAsync(int count)
    {
        var names = Enumerable.Range(1, count).Select(i => $"e2e-{_suffix}-fn{i:00}").ToList();
        foreach (var name in names)
        {
            await moto.Seeder.CreateFunctionAsync(name, Tags, "PassThrough");
        }

        return names;
    }

    private async Task<(string TopicArn, string QueueUrl)> SeedReportTopicAsync()
    {
        var topicArn = await moto.Seeder.CreateTopicAsync($"e2e-reports-{_suffix}");
        var queueUrl = await moto.Seeder.CreateQueueSubscribedToAsync($"e2e-reports-{_suffix}", topicArn);
        return (topicArn, queueUrl);
    }

    private async Task<List<string>> TracingModesAsync(IEnumerable<string> functions)
    {
        using var aws = moto.CreateClients();
        var modes = new List<string>();
        foreach (var function in functions)
        {
            modes.Add((await aws.Lambda.GetFunctionConfigurationAsync(function, CancellationToken.None)).TracingMode);
        }

        return modes;
    }

    private async Task<List<string>> OwnedAlarmNamesAsync()
    {
        using var aws = moto.CreateClients();
        var names = new List<string>();
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: AlarmPrefix + "-"), CancellationToken.None))
        {
            names.Add(alarm.AlarmName);
        }

        return names;
    }

    private async Task<string> ReceiveOneAsync(string queueUrl)
    {
        // SNS to SQS delivery in moto is synchronous, but give it a moment rather than rely on that.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var messages = await moto.Seeder.ReceiveMessagesAsync(queueUrl);
            if (messages.Count > 0)
            {
                return Assert.Single(messages);
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"No report arrived in {queueUrl}.");
    }

    private static IEnumerable<(string Kind, string Name, string Status)> Entries(JsonElement report) =>
        report.GetProperty("policies").EnumerateArray()
            .SelectMany(policy => policy.GetProperty("entries").EnumerateArray())
            .Select(entry => (entry.GetProperty("kind").GetString()!, entry.GetProperty("name").GetString()!, entry.GetProperty("status").GetString()!));
}
