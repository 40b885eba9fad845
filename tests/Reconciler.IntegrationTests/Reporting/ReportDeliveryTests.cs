using System.Diagnostics;
using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Reporting;

/// <summary>
/// The drift report as a subscriber receives it: the CLI applies with a report topic, SNS delivers to an SQS queue
/// subscribed to it in moto, and the test reads the envelope back and parses the JSON report inside.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class ReportDeliveryTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _onChange = new();
    private readonly PolicyDirectory _always = new();

    public void Dispose()
    {
        _onChange.Dispose();
        _always.Dispose();
    }

    [Fact]
    public async Task Apply_WithReportTopic_DeliversJsonReportOnChangeOnlyAndAlwaysWhenAsked()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var topic = await moto.Seeder.CreateTopicAsync("reports-" + account.Suffix);
        var queue = await moto.Seeder.CreateQueueSubscribedToAsync("reports-" + account.Suffix, topic);
        _onChange.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard, topicArn: topic, when: "onChange"));
        _always.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard, topicArn: topic, when: "always"));

        var drifted = await ApplyAsync(_onChange, account);
        var envelope = JsonNode.Parse(Assert.Single(await ReceiveAsync(queue, expected: 1)))!;

        Assert.True(drifted.ExitCode == 0, $"apply exited {drifted.ExitCode}: {drifted.Stderr}\n{drifted.Stdout}");
        Assert.Contains($"Report published to {topic}", drifted.Stderr, StringComparison.Ordinal);
        Assert.Equal(topic, envelope["TopicArn"]!.GetValue<string>());
        var subject = envelope["Subject"]!.GetValue<string>();
        Assert.True(subject.Length < 100, subject);
        Assert.StartsWith("Drift: ", subject, StringComparison.Ordinal);
        Assert.Contains("corrected", subject, StringComparison.Ordinal);
        Assert.EndsWith($"in {MotoFixture.AccountId} {MotoFixture.Region}", subject, StringComparison.Ordinal);

        var report = JsonNode.Parse(envelope["Message"]!.GetValue<string>())!;
        Assert.Equal(RunReport.SchemaVersionV1, report["schemaVersion"]!.GetValue<string>());
        Assert.Equal("corrected", report["summary"]!["outcome"]!.GetValue<string>());
        var entries = report["policies"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == account.PolicyName)!["entries"]!.AsArray();
        var changes = entries.SelectMany(e => e!["changes"]!.AsArray().Select(c => (Entry: e, Change: c!))).ToList();
        Assert.Equal(9, changes.Count);
        Assert.All(changes, c => Assert.Equal("applied", c.Change["status"]!.GetValue<string>()));
        var tracing = changes.Single(c => c.Entry!["name"]!.GetValue<string>() == account.FunctionA).Change;
        Assert.Equal("UpdateFunctionConfiguration", tracing["operation"]!.GetValue<string>());
        var field = Assert.Single(tracing["fields"]!.AsArray())!;
        Assert.Equal(("tracing", "PassThrough", "Active"), (field["field"]!.GetValue<string>(), field["before"]!.GetValue<string>(), field["after"]!.GetValue<string>()));
        var apiCalls = report["apiCalls"]!.AsArray();
        Assert.Contains(apiCalls, c => c!["operation"]!.GetValue<string>() == "PutMetricAlarm" && c["write"]!.GetValue<bool>() && c["calls"]!.GetValue<long>() == 4);
        Assert.Contains(apiCalls, c => c!["operation"]!.GetValue<string>() == "GetResources");

        var converged = await ApplyAsync(_onChange, account);

        Assert.True(converged.ExitCode == 0, $"converged apply exited {converged.ExitCode}: {converged.Stderr}\n{converged.Stdout}");
        Assert.Empty(await ReceiveAsync(queue, expected: 0));

        var always = await ApplyAsync(_always, account);
        var inSync = JsonNode.Parse(Assert.Single(await ReceiveAsync(queue, expected: 1)))!;

        Assert.True(always.ExitCode == 0, $"apply with when: always exited {always.ExitCode}: {always.Stderr}\n{always.Stdout}");
        Assert.StartsWith("In sync: ", inSync["Subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("inSync", JsonNode.Parse(inSync["Message"]!.GetValue<string>())!["summary"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_ReportTopicDoesNotExist_ExitsOneAndSaysWhyOnStderr()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var missing = $"arn:aws:sns:{MotoFixture.Region}:{MotoFixture.AccountId}:missing-{account.Suffix}";
        _always.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard, when: "always"));

        var result = await ApplyAsync(_always, account, "--report-topic", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Could not publish the report to {missing}: NotFound", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Check that the topic exists", result.Stderr, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> ApplyAsync(PolicyDirectory policies, DriftedAccount account, params string[] extra) =>
        ReconcilerCli.RunAsync([
            "apply",
            "--policies", policies.Path,
            "--endpoint-url", moto.Endpoint.ToString(),
            "--region", MotoFixture.Region,
            "--alarm-prefix", account.AlarmPrefix,
            .. extra]);

    /// <summary>
    /// Polls the queue until <paramref name="expected"/> messages arrived, or for two seconds when none is expected
    /// (so that a late, unwanted delivery is still caught).
    /// </summary>
    private async Task<IReadOnlyList<string>> ReceiveAsync(string queueUrl, int expected)
    {
        var received = new List<string>();
        var patience = TimeSpan.FromSeconds(expected == 0 ? 2 : 10);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < patience && (expected == 0 || received.Count < expected))
        {
            received.AddRange(await moto.Seeder.ReceiveMessagesAsync(queueUrl));
            await Task.Delay(200);
        }

        return received;
    }
}
