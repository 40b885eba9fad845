using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The two logs kinds against moto (with the launcher's LoggingConfig patch): retention drift corrected, a missing log
/// group created with the retention and our tags, a custom log group honoured, a shared group with disagreeing
/// policies left alone, tracing and logging drift on one function corrected with one UpdateFunctionConfiguration, a
/// second run that writes nothing, and log groups no policy selects (an unselected function's, one under another prefix)
/// left byte-identical.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class LogsEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory policies = new();
    private readonly AwsCli cli = new(moto.Endpoint);

    public void Dispose() => policies.Dispose();

    private static string LogsPolicy(string name, string app, string logs, string tracing = "") => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {name}
        spec:
          selector:
            tags:
              app: {app}
            resourceTypes: [lambda:function]
        {tracing}
          logs: {logs}

        """;

    [Fact]
    public async Task Apply_RetentionDriftAndMissingGroup_CorrectedCreatedTaggedAndSecondRunWritesNothing()
    {
        var app = "logs-" + MotoFixture.UniqueSuffix();
        var (existing, missing, unselected) = (app + "-old", app + "-new", app + "-other");
        await moto.Seeder.CreateFunctionAsync(existing, new Dictionary<string, string> { ["app"] = app });
        await moto.Seeder.CreateFunctionAsync(missing, new Dictionary<string, string> { ["app"] = app });
        await moto.Seeder.CreateFunctionAsync(unselected, new Dictionary<string, string> { ["app"] = "someone-else" });
        await cli.RunAsync("logs", "create-log-group", "--log-group-name", $"/aws/lambda/{existing}");
        await cli.RunAsync("logs", "create-log-group", "--log-group-name", $"/aws/lambda/{unselected}");
        await cli.RunAsync("logs", "put-retention-policy", "--log-group-name", $"/aws/lambda/{unselected}", "--retention-in-days", "3");
        await cli.RunAsync("logs", "create-log-group", "--log-group-name", $"/other/{app}");
        var foreignBefore = await DescribeAsync($"/aws/lambda/{unselected}");
        var otherPrefixBefore = await DescribeAsync($"/other/{app}");
        var loaded = policies.Write("logs.yaml", LogsPolicy(app, app, "{ retentionDays: 30 }")).Load();
        using var aws = moto.CreateClients();

        var planned = await Engine.PlanAsync(aws, loaded, app);
        var applied = await Engine.ApplyAsync(aws, loaded, app);

        var text = PlanTextRenderer.Render(planned.Plan);
        Assert.Contains($"  ~ log group /aws/lambda/{existing}  retention: never -> 30 days\n", text, StringComparison.Ordinal);
        Assert.Contains("      ! deletes log data:", text, StringComparison.Ordinal);
        Assert.Contains($"  + log group /aws/lambda/{missing}  retention: 30 days\n", text, StringComparison.Ordinal);
        Assert.Empty(applied.Errors);
        Assert.Equal(30, (int?)(await DescribeAsync($"/aws/lambda/{existing}"))["retentionInDays"]);
        Assert.Equal(30, (int?)(await DescribeAsync($"/aws/lambda/{missing}"))["retentionInDays"]);
        var tags = await cli.RunAsync("logs", "list-tags-log-group", "--log-group-name", $"/aws/lambda/{missing}");
        Assert.Equal(app, (string?)tags["tags"]?["reconciler:policy"]);
        var change = applied.Report.Policies.Single().Entries.Single(e => e.Name == $"/aws/lambda/{existing}").Changes.Single();
        Assert.Equal((EntryKind.LogGroup, "PutRetentionPolicy"), (applied.Report.Policies.Single().Entries.Single(e => e.Name == $"/aws/lambda/{existing}").Kind, change.Operation));
        Assert.StartsWith("deletes log data:", change.Caution, StringComparison.Ordinal);

        using var again = moto.CreateClients();
        var second = await Engine.ApplyAsync(again, loaded, app);
        Assert.Empty(second.Plan.Changes);
        Assert.Equal(0, Engine.Writes(again));
        Assert.Equal(foreignBefore.ToJsonString(), (await DescribeAsync($"/aws/lambda/{unselected}")).ToJsonString());
        Assert.Equal(otherPrefixBefore.ToJsonString(), (await DescribeAsync($"/other/{app}")).ToJsonString());
    }

    [Fact]
    public async Task Apply_CustomLogGroup_ItsRetentionIsSetNotTheDefaultGroups()
    {
        var app = "logs-custom-" + MotoFixture.UniqueSuffix();
        var function = app + "-fn";
        var custom = $"/teams/{app}/app";
        await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app });
        await cli.RunAsync("logs", "create-log-group", "--log-group-name", custom);
        await cli.RunAsync("lambda", "update-function-configuration", "--function-name", function, "--logging-config", $"LogFormat=Text,LogGroup={custom}");
        var loaded = policies.Write("logs.yaml", LogsPolicy(app, app, "{ retentionDays: 14 }")).Load();
        using var aws = moto.CreateClients();

        var applied = await Engine.ApplyAsync(aws, loaded, app);

        Assert.Empty(applied.Errors);
        Assert.Equal(custom, Assert.Single(applied.Plan.Changes).Target);
        Assert.Equal(14, (int?)(await DescribeAsync(custom))["retentionInDays"]);
        var defaults = await cli.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/aws/lambda/{function}");
        Assert.Empty(defaults["logGroups"]!.AsArray());
    }

    [Fact]
    public async Task Apply_SharedGroupPoliciesDisagree_ConflictReportedAndNeitherRetentionApplied()
    {
        var app = "logs-shared-" + MotoFixture.UniqueSuffix();
        var shared = $"/shared/{app}";
        foreach (var (function, team) in new[] { (app + "-a", app + "-a"), (app + "-b", app + "-b") })
        {
            await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["team"] = team });
            await cli.RunAsync("lambda", "update-function-configuration", "--function-name", function, "--logging-config", $"LogFormat=Text,LogGroup={shared}");
        }

        await cli.RunAsync("logs", "create-log-group", "--log-group-name", shared);
        var loaded = policies
            .Write("a.yaml", LogsPolicy(app + "-a", app + "-a", "{ retentionDays: 30 }").Replace("app:", "team:", StringComparison.Ordinal))
            .Write("b.yaml", LogsPolicy(app + "-b", app + "-b", "{ retentionDays: 90 }").Replace("app:", "team:", StringComparison.Ordinal))
            .Load();
        using var aws = moto.CreateClients();

        var applied = await Engine.ApplyAsync(aws, loaded, app);

        var conflict = Assert.Single(applied.Plan.Conflicts);
        Assert.Equal((shared, ChangeKind.LogRetention), (conflict.Target, conflict.TargetKind));
        Assert.Equal(0, Engine.Writes(aws));
        Assert.Null((int?)(await DescribeAsync(shared))["retentionInDays"]);
    }

    [Fact]
    public async Task Apply_TracingAndLoggingDriftOnOneFunction_OneUpdateFunctionConfigurationCarriesBoth()
    {
        var app = "logs-fmt-" + MotoFixture.UniqueSuffix();
        var function = app + "-fn";
        await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app });
        var loaded = policies.Write(
            "logs.yaml",
            LogsPolicy(app, app, "{ format: JSON, applicationLogLevel: WARN, systemLogLevel: WARN }", "  tracing: { lambda: Active }")).Load();
        using var aws = moto.CreateClients();

        var applied = await Engine.ApplyAsync(aws, loaded, app);

        Assert.Empty(applied.Errors);
        Assert.Equal([ChangeKind.FunctionTracing, ChangeKind.FunctionLogging], applied.Plan.Changes.Select(c => c.Kind));
        Assert.Equal(1, aws.Counters.Snapshot().Single(c => c.Operation == "UpdateFunctionConfiguration").Calls);
        var configuration = await cli.RunAsync("lambda", "get-function-configuration", "--function-name", function);
        Assert.Equal("Active", (string?)configuration["TracingConfig"]?["Mode"]);
        Assert.Equal(("JSON", "WARN", "WARN"), ((string?)configuration["LoggingConfig"]?["LogFormat"], (string?)configuration["LoggingConfig"]?["ApplicationLogLevel"], (string?)configuration["LoggingConfig"]?["SystemLogLevel"]));

        using var again = moto.CreateClients();
        Assert.Empty((await Engine.PlanAsync(again, loaded, app)).Plan.Changes);
    }

    private async Task<JsonNode> DescribeAsync(string logGroupName)
    {
        var listed = await cli.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", logGroupName);
        return listed["logGroups"]!.AsArray().Single(group => (string?)group!["logGroupName"] == logGroupName)!;
    }
}
