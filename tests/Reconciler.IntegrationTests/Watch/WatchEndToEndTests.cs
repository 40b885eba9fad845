using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Watch;

/// <summary>
/// `reconciler watch --events FILE` run as a child process against moto, replaying the documented sample events of
/// tests/Reconciler.Tests/Watch/testdata/cloudtrail with the seeded account's names.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class WatchEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();
    private readonly string _events = Path.Combine(Path.GetTempPath(), $"watch-events-{Guid.NewGuid():N}.jsonl");

    public void Dispose()
    {
        _policies.Dispose();
        File.Delete(_events);
    }

    [Fact]
    public async Task Watch_TracingTurnedOffByHand_OneEventCorrectsThatFunctionOnly()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard));
        WriteEvents(Sample("lambda.UpdateFunctionConfiguration.json", account.FunctionA));

        var watch = await RunAsync("watch", account, "--events", _events);
        var after = await RunAsync("plan", account);

        Assert.True(watch.ExitCode == 0, $"watch exited {watch.ExitCode}: {watch.Stderr}\n{watch.Stdout}");
        Assert.Contains(": reconciled: UpdateFunctionConfiguration20150331v2 by arn:aws:iam::123456789012:user/alice", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains($"~ lambda {account.FunctionA}  tracing: PassThrough -> Active", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains($"+ alarm {account.FunctionAlarm(account.FunctionA)}", watch.Stdout, StringComparison.Ordinal);
        // Only what the event touched: the other drifted function, the stages and the dashboard wait for the resync.
        Assert.DoesNotContain($"lambda {account.FunctionB}", watch.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard", watch.Stdout.Split("Report")[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"~ lambda {account.FunctionA}", after.Stdout, StringComparison.Ordinal);
        Assert.Contains($"~ lambda {account.FunctionB}  tracing: PassThrough -> Active", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AnEventOfItsOwnIdentity_IsIgnoredAndWritesNothing()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard));
        // moto answers GetCallerIdentity with this user: the events file says the reconciler itself made the change.
        WriteEvents(Sample("lambda.UpdateFunctionConfiguration.json", account.FunctionA).Replace("arn:aws:iam::123456789012:user/alice", "arn:aws:sts::123456789012:user/moto", StringComparison.Ordinal));

        var watch = await RunAsync("watch", account, "--events", _events);
        var after = await RunAsync("plan", account);

        Assert.True(watch.ExitCode == 0, $"watch exited {watch.ExitCode}: {watch.Stderr}\n{watch.Stdout}");
        Assert.Contains("ignored", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains("it was made by this reconciler (arn:aws:sts::123456789012:user/moto)", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing to reconcile", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains($"~ lambda {account.FunctionA}  tracing: PassThrough -> Active", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ABatchWithADuplicateAndAPoisonEvent_ReconcilesOnceAndExitsOne()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard));
        var drift = Sample("lambda.UpdateFunctionConfiguration.json", account.FunctionA);
        WriteEvents(drift, drift, "{\"id\": \"poison\", \"detail-type\": \"AWS API Call via CloudTrail\"}");

        var watch = await RunAsync("watch", account, "--events", _events, "--output", "json");

        Assert.True(watch.ExitCode == 1, $"watch exited {watch.ExitCode}: {watch.Stderr}\n{watch.Stdout}");
        using var json = System.Text.Json.JsonDocument.Parse(watch.Stdout);
        var statuses = json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("status").GetString()).ToList();
        Assert.Equal(["reconciled", "reconciled", "unreadable"], statuses);
        var report = json.RootElement.GetProperty("report");
        // The duplicate is reconciled once: one tracing update for the function, not two.
        var functionEntries = report.GetProperty("policies").EnumerateArray()
            .SelectMany(policy => policy.GetProperty("entries").EnumerateArray())
            .Where(entry => entry.GetProperty("kind").GetString() == "lambdaFunction" && entry.GetProperty("name").GetString() == account.FunctionA)
            .SelectMany(entry => entry.GetProperty("changes").EnumerateArray())
            .Count(change => change.GetProperty("operation").GetString() == "UpdateFunctionConfiguration");
        Assert.Equal(1, functionEntries);
    }

    private static string Sample(string file, string functionName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Watch", "testdata", "cloudtrail", file))
            .Replace("orders-api", functionName, StringComparison.Ordinal);

    private void WriteEvents(params string[] events) =>
        File.WriteAllLines(_events, events.Select(Compact));

    // One event per line: the samples are indented.
    private static string Compact(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, DriftedAccount account, params string[] extra) =>
        ReconcilerCli.RunAsync([
            command,
            "--policies", _policies.Path,
            "--endpoint-url", moto.Endpoint.ToString(),
            "--region", MotoFixture.Region,
            "--alarm-prefix", account.AlarmPrefix,
            .. extra]);
}
