using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
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

    /// <summary>
    /// A policy of app=<paramref name="app"/>'s functions with one alarm rule (error-rate over 5 %) notifying
    /// <paramref name="topic"/>: what the notification-path check and the drill look at.
    /// </summary>
    public static string ErrorRateAlarmOnly(string app, string topic) => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {app}
        spec:
          selector:
            tags:
              app: {app}
            resourceTypes: [lambda:function]
          alarms:
            actions:
              alarm: ["{topic}"]
            lambda:
              - name: error-rate
                metric: ErrorRate
                threshold: 5

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

/// <summary>
/// End-to-end scenarios shared by the lenient and the strict moto collections, so both run the same assertions.
/// </summary>
internal static class EngineScenarios
{
    /// <summary>
    /// A drifted account is planned field by field, applied, checked with the official AWS CLI, and a second run writes
    /// nothing; the foreign look-alike alarm and the out-of-scope function are byte-for-byte unchanged.
    /// </summary>
    public static async Task DriftedAccountConvergesAndSecondRunWritesNothingAsync(MotoFixture moto, PolicyDirectory directory)
    {
        var cli = new AwsCli(moto.Endpoint);
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = directory.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var aws = moto.CreateClients();
        await account.AddAlarmAndDashboardDriftAsync(aws, policies);
        var foreignBefore = await DescribeAlarmAsync(account.ForeignAlarm);
        var outOfScopeBefore = await cli.RunAsync("lambda", "get-function-configuration", "--function-name", account.OutOfScopeFunction);

        var planned = await Engine.PlanAsync(aws, policies, account.AlarmPrefix);

        Assert.Empty(planned.Errors);
        Assert.Empty(planned.Plan.Conflicts);
        Assert.Equal(
            new[]
            {
                (ChangeKind.FunctionTracing, ChangeAction.Update, account.FunctionA),
                (ChangeKind.FunctionTracing, ChangeAction.Update, account.FunctionB),
                (ChangeKind.StageTracing, ChangeAction.Update, $"{account.ApiName}/dev"),
                (ChangeKind.StageTracing, ChangeAction.Update, $"{account.ApiName}/prod"),
                (ChangeKind.Alarm, ChangeAction.Update, account.FunctionAlarm(account.FunctionA)),
                (ChangeKind.Alarm, ChangeAction.Create, account.FunctionAlarm(account.FunctionB)),
                (ChangeKind.Alarm, ChangeAction.Create, account.StageAlarm("dev")),
                (ChangeKind.Alarm, ChangeAction.Create, account.StageAlarm("prod")),
                (ChangeKind.Dashboard, ChangeAction.Update, account.Dashboard),
                (ChangeKind.Alarm, ChangeAction.Delete, account.OrphanAlarm),
            }.OrderBy(c => c.Item3, StringComparer.Ordinal),
            planned.Plan.Changes.Select(c => (c.Kind, c.Action, c.Target)).OrderBy(c => c.Target, StringComparer.Ordinal));
        Assert.All(planned.Plan.Changes.Where(c => c.Kind == ChangeKind.FunctionTracing), c => Assert.Equal([new FieldDiff("tracing", "PassThrough", "Active")], c.Fields));
        Assert.All(planned.Plan.Changes.Where(c => c.Kind == ChangeKind.StageTracing), c => Assert.Equal([new FieldDiff("tracingEnabled", "false", "true")], c.Fields));
        Assert.Equal([new FieldDiff("threshold", "10", "5")], planned.Plan.Changes.Single(c => c.Action == ChangeAction.Update && c.Kind == ChangeKind.Alarm).Fields);
        var dashboardFields = planned.Plan.Changes.Single(c => c.Kind == ChangeKind.Dashboard).Fields;
        var titleField = Assert.Single(dashboardFields);
        Assert.EndsWith(".properties.title", titleField.Field, StringComparison.Ordinal);
        Assert.Equal("\"Edited by hand\"", titleField.Before);
        Assert.DoesNotContain(planned.Plan.Changes, c => c.Target.Contains(account.OutOfScopeFunction, StringComparison.Ordinal) || c.Target == account.ForeignAlarm);

        var applied = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.Empty(applied.Errors);
        Assert.NotNull(applied.Apply);
        Assert.Null(applied.Apply.Stopped);
        Assert.All(applied.Apply.Outcomes, o => Assert.True(o.Status == ChangeStatus.Applied, $"{o.Change.Target}: {o.Status} {o.ErrorCode} {o.Message}"));
        Assert.Equal(10, applied.Apply.Outcomes.Count);

        foreach (var function in new[] { account.FunctionA, account.FunctionB })
        {
            var configuration = await cli.RunAsync("lambda", "get-function-configuration", "--function-name", function);
            Assert.Equal("Active", configuration["TracingConfig"]!["Mode"]!.GetValue<string>());
        }

        var stages = await cli.RunAsync("apigateway", "get-stages", "--rest-api-id", account.ApiId);
        Assert.Equal(
            [("dev", true), ("prod", true)],
            stages["item"]!.AsArray().Select(s => (s!["stageName"]!.GetValue<string>(), s["tracingEnabled"]?.GetValue<bool>() ?? false)).Order());

        var alarms = (await cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-name-prefix", account.AlarmPrefix + "-"))["MetricAlarms"]!.AsArray();
        Assert.Equal(
            new[] { account.FunctionAlarm(account.FunctionA), account.FunctionAlarm(account.FunctionB), account.ForeignAlarm, account.StageAlarm("dev"), account.StageAlarm("prod") }.Order(StringComparer.Ordinal),
            alarms.Select(a => a!["AlarmName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var function in new[] { account.FunctionA, account.FunctionB })
        {
            var alarm = alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(function))!;
            Assert.Equal(5, alarm["Threshold"]!.GetValue<double>());
            Assert.Equal([PolicyYaml.OpsTopic], alarm["AlarmActions"]!.AsArray().Select(a => a!.GetValue<string>()));
            var metrics = alarm["Metrics"]!.AsArray();
            Assert.Equal(AlarmRendering.ErrorRateExpression, metrics.Single(m => m!["Id"]!.GetValue<string>() == "error_rate")!["Expression"]!.GetValue<string>());
            foreach (var (id, metricName) in new[] { ("errors", "Errors"), ("invocations", "Invocations") })
            {
                var stat = metrics.Single(m => m!["Id"]!.GetValue<string>() == id)!["MetricStat"]!;
                Assert.Equal(metricName, stat["Metric"]!["MetricName"]!.GetValue<string>());
                Assert.Equal(function, stat["Metric"]!["Dimensions"]![0]!["Value"]!.GetValue<string>());
                Assert.Equal("Sum", stat["Stat"]!.GetValue<string>());
            }
        }

        foreach (var stage in new[] { "dev", "prod" })
        {
            var alarm = alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.StageAlarm(stage))!;
            Assert.Equal(("5XXError", "Average", 0.05), (alarm["MetricName"]!.GetValue<string>(), alarm["Statistic"]!.GetValue<string>(), alarm["Threshold"]!.GetValue<double>()));
        }

        var dashboard = await cli.RunAsync("cloudwatch", "get-dashboard", "--dashboard-name", account.Dashboard);
        var body = JsonNode.Parse(dashboard["DashboardBody"]!.GetValue<string>())!;
        var titles = body["widgets"]!.AsArray().Select(w => w!["properties"]!["title"]?.GetValue<string>()).ToList();
        Assert.DoesNotContain("Edited by hand", titles);
        Assert.Contains("Lambda invocations", titles);
        Assert.True(OwnershipMarker.TryReadDashboardOwner(body.ToJsonString(), out var owner) && owner == account.PolicyName);

        // Ownership is also tagged: on the dashboard, on the alarms created, and again on the alarm that was updated.
        var ownershipTags = OwnershipMarker.Tags(account.AlarmPrefix, account.PolicyName).Select(t => (t.Key, t.Value)).Order().ToList();
        foreach (var arn in new[]
        {
            dashboard["DashboardArn"]!.GetValue<string>(),
            alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(account.FunctionA))!["AlarmArn"]!.GetValue<string>(),
            alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(account.FunctionB))!["AlarmArn"]!.GetValue<string>(),
        })
        {
            var tags = (await cli.RunAsync("cloudwatch", "list-tags-for-resource", "--resource-arn", arn))["Tags"]!.AsArray();
            Assert.Equal(ownershipTags, tags.Select(t => (t!["Key"]!.GetValue<string>(), t["Value"]!.GetValue<string>())).Order().ToList());
        }

        using var secondClients = moto.CreateClients();
        var second = await Engine.ApplyAsync(secondClients, policies, account.AlarmPrefix);

        Assert.Empty(second.Errors);
        Assert.True(second.Plan.InSync, "second run still plans: " + string.Join(", ", second.Plan.Changes.Select(c => $"{c.Action} {c.Target} [{string.Join("; ", c.Fields.Select(f => $"{f.Field}: {f.Before} -> {f.After}"))}]")));
        Assert.Equal(0, Engine.Writes(secondClients));
        Assert.Equal(foreignBefore.ToJsonString(), (await DescribeAlarmAsync(account.ForeignAlarm)).ToJsonString());
        Assert.Equal(outOfScopeBefore.ToJsonString(), (await cli.RunAsync("lambda", "get-function-configuration", "--function-name", account.OutOfScopeFunction)).ToJsonString());

        async Task<JsonNode> DescribeAlarmAsync(string name) =>
            (await cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-names", name))["MetricAlarms"]!.AsArray().Single()!;
    }
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
