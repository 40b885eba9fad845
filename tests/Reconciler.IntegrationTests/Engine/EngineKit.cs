using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Telemetry;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>A temporary policy directory: YAML written to disk and read back with the real <see cref="PolicyLoader"/>.</summary>
internal sealed class PolicyDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("reconciler-e2e-").FullName;

    public PolicyDirectory Write(string fileName, string yaml)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), yaml);
        return this;
    }

    /// <summary>Loads every policy; fails the test with the loader's messages if any file is invalid.</summary>
    public IReadOnlyList<ObservabilityPolicy> Load()
    {
        var loaded = PolicyLoader.LoadDirectory(Path);
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Errors));
        return loaded.Policies;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Policy YAML for tests: the shape of policies/project-management.yaml with test-owned names.</summary>
internal static class PolicyYaml
{
    public const string OpsTopic = "arn:aws:sns:us-east-1:123456789012:ops-alerts";

    /// <summary>
    /// A policy selecting app=<paramref name="app"/>: tracing, one ErrorRate rule for functions, one 5XXError rule for
    /// stages, a dashboard, and report settings.
    /// </summary>
    public static string Standard(
        string name,
        string app,
        string dashboard,
        string mode = "enforce",
        string lambdaTracing = "Active",
        string? topicArn = null,
        string when = "onChange") => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {name}
        spec:
          mode: {mode}
          selector:
            tags:
              app: {app}
          tracing:
            lambda: {lambdaTracing}
            apiGateway: true
          alarms:
            actions:
              alarm: ["{OpsTopic}"]
            lambda:
              - name: error-rate
                metric: ErrorRate
                threshold: 5
                evaluationPeriods: 5
                datapointsToAlarm: 3
            apiGateway:
              - name: 5xx-rate
                metric: 5XXError
                statistic: Average
                threshold: 0.05
          dashboard:
            name: {dashboard}
          report:
        {(topicArn is null ? string.Empty : $"    topicArn: \"{topicArn}\"\n")}    when: {when}

        """;

    /// <summary>A policy that only manages Lambda tracing of app=<paramref name="app"/>.</summary>
    public static string TracingOnly(string name, string app, string lambdaTracing) => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {name}
        spec:
          selector:
            tags:
              app: {app}
            resourceTypes: [lambda:function]
          tracing:
            lambda: {lambdaTracing}

        """;
}

/// <summary>Runs the engine in-process against moto, the way the CLI and the Lambda host do.</summary>
internal static class Engine
{
    public static Task<ReconcileResult> PlanAsync(IAwsClients aws, IReadOnlyList<ObservabilityPolicy> policies, string alarmPrefix) =>
        RunAsync(aws, policies, alarmPrefix, apply: false);

    public static Task<ReconcileResult> ApplyAsync(IAwsClients aws, IReadOnlyList<ObservabilityPolicy> policies, string alarmPrefix, int maxChanges = 500, DateTimeOffset? deadline = null) =>
        RunAsync(aws, policies, alarmPrefix, apply: true, maxChanges, deadline);

    public static async Task<ReconcileResult> RunAsync(
        IAwsClients aws,
        IReadOnlyList<ObservabilityPolicy> policies,
        string alarmPrefix,
        bool apply,
        int maxChanges = 500,
        DateTimeOffset? deadline = null,
        TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var log = new RunLogger(TextWriter.Null, time, "run-e2e", RunLogLevel.Error);
        var request = new ReconcileRequest(policies, apply, DryRun: false, deadline ?? time.GetUtcNow().AddMinutes(10), maxChanges, alarmPrefix);
        return await new ReconcileRun(aws, MotoFixture.Region, time, log).RunAsync(request, CancellationToken.None);
    }

    /// <summary>Write calls made by <paramref name="aws"/> so far (logical calls, not attempts).</summary>
    public static long Writes(IAwsClients aws) => aws.Counters.Snapshot().Where(c => c.IsWrite).Sum(c => c.Calls);

    /// <summary>A clock frozen at now, for deadlines that must already have passed.</summary>
    public static FakeTimeProvider FrozenClock() => new(TimeProvider.System.GetUtcNow());
}

/// <summary>The official AWS CLI pointed at moto with fake credentials: an independent reader of what was left behind.</summary>
internal sealed class AwsCli(Uri endpoint)
{
    public async Task<JsonNode> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["--endpoint-url", endpoint.ToString(), "--region", MotoFixture.Region, "--output", "json"]))
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Apply(start);
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"aws {string.Join(' ', args)} exited {exit}: {stderr}");
        return JsonNode.Parse(string.IsNullOrWhiteSpace(stdout) ? "{}" : stdout)!;
    }
}

/// <summary>The built reconciler (reconciler.dll next to the tests) run as a child process with its own environment.</summary>
internal static class ReconcilerCli
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "reconciler.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Apply(start);
        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));
    }
}

/// <summary>Fake credentials and nothing else from the machine's AWS setup, so a child can only reach moto.</summary>
internal static class ChildEnvironment
{
    public static void Apply(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal) || key == "REPORT_TOPIC_ARN").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = MotoFixture.Region;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }
}

/// <summary>Runs a child to completion, killing it (and its children) on timeout or test failure.</summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(timeout);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
