using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The X-Ray kinds and the trace-arrival check against moto (with the launcher's X-Ray patches M-O): a policy's group
/// created, updated when a function joins, pruned when the policy drops it; a sampling rule's drift corrected; a
/// foreign group and a foreign rule under the same name prefix left byte-identical; and the arrival check telling a
/// healthy function from a silent one, one invoked too rarely and one not invoked. The AWS CLI reads what was left
/// behind. Each test removes the groups and rules it made (X-Ray allows 25 of each per Region).
/// </summary>
[Collection(MotoTests.Name)]
public sealed class TracesEndToEndTests(MotoFixture moto) : IAsyncLifetime, IDisposable
{
    private readonly PolicyDirectory policies = new();
    private readonly AwsCli cli = new(moto.Endpoint);
    private readonly XRayLeftovers leftovers = new(new AwsCli(moto.Endpoint));

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose() => policies.Dispose();

    public Task DisposeAsync() => leftovers.RemoveAsync();

    private static string Policy(string app, string resourceTypes, string tracing) => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {app}
        spec:
          selector:
            tags:
              app: {app}
            resourceTypes: [{resourceTypes}]
          tracing:
        {tracing}

        """;

    [Fact]
    public async Task Apply_Group_CreatedUpdatedWhenAFunctionJoinsPrunedWhenDropped_ForeignGroupUntouched()
    {
        var app = "xg-" + MotoFixture.UniqueSuffix();
        var name = XRayNaming.For(app, app);
        var foreign = XRayNaming.Prefix(app) + "theirs";
        leftovers.Group(name);
        leftovers.Group(foreign);
        await cli.RunAsync("xray", "create-group", "--group-name", foreign, "--filter-expression", "service(\"theirs\")");
        var foreignBefore = await GroupAsync(foreign);
        await moto.Seeder.CreateFunctionAsync(app + "-a", new Dictionary<string, string> { ["app"] = app }, "Active");
        var loaded = policies.Write("p.yaml", Policy(app, "lambda:function", "    lambda: Active\n    group: true")).Load();
        using var aws = moto.CreateClients();

        var first = await Engine.ApplyAsync(aws, loaded, app);

        Assert.Empty(first.Errors);
        Assert.Contains($"  + xray group {name}\n", PlanTextRenderer.Render(first.Plan), StringComparison.Ordinal);
        var created = await GroupAsync(name);
        Assert.Equal($"service(id(name: \"{app}-a\", type: \"AWS::Lambda::Function\"))", (string?)created!["FilterExpression"]);
        var tags = (await cli.RunAsync("xray", "list-tags-for-resource", "--resource-arn", (string)created["GroupARN"]!))["Tags"]!.AsArray();
        Assert.Contains(tags, tag => (string?)tag!["Key"] == OwnershipMarker.PolicyTagKey && (string?)tag["Value"] == app);
        Assert.Contains(tags, tag => (string?)tag!["Key"] == OwnershipMarker.OwnerTagKey && (string?)tag["Value"] == app);
        var entry = first.Report.Policies.Single().Entries.Single(e => e.Name == name);
        Assert.Equal((EntryKind.XRayGroup, "CreateGroup"), (entry.Kind, entry.Changes.Single().Operation));

        await moto.Seeder.CreateFunctionAsync(app + "-b", new Dictionary<string, string> { ["app"] = app }, "Active");
        using var again = moto.CreateClients();
        var joined = await Engine.ApplyAsync(again, loaded, app);

        Assert.Empty(joined.Errors);
        Assert.Equal(ChangeAction.Update, joined.Plan.Changes.Single(c => c.Kind == ChangeKind.TraceGroup).Action);
        Assert.Contains($"service(id(name: \"{app}-b\", type: \"AWS::Lambda::Function\"))", (string?)(await GroupAsync(name))!["FilterExpression"], StringComparison.Ordinal);

        using var steady = moto.CreateClients();
        var converged = await Engine.ApplyAsync(steady, loaded, app);
        Assert.Empty(converged.Plan.Changes);
        Assert.Equal(0, Engine.Writes(steady));

        var dropped = policies.Write("p.yaml", Policy(app, "lambda:function", "    lambda: Active\n    group: false")).Load();
        using var pruning = moto.CreateClients();
        var pruned = await Engine.ApplyAsync(pruning, dropped, app);

        Assert.Empty(pruned.Errors);
        Assert.Equal(ChangeAction.Delete, pruned.Plan.Changes.Single().Action);
        Assert.Null(await GroupAsync(name));
        Assert.Equal(foreignBefore!.ToJsonString(), (await GroupAsync(foreign))!.ToJsonString());
    }

    [Fact]
    public async Task Apply_SamplingRule_CreatedAndDriftCorrected_ForeignRuleUntouched()
    {
        var app = "xs-" + MotoFixture.UniqueSuffix();
        var name = XRayNaming.For(app, app);
        var foreign = XRayNaming.Prefix(app) + "theirs";
        leftovers.Rule(name);
        leftovers.Rule(foreign);
        await cli.RunAsync("xray", "create-sampling-rule", "--sampling-rule", $"RuleName={foreign},ResourceARN=*,Priority=5,FixedRate=1,ReservoirSize=5,ServiceName=*,ServiceType=*,Host=*,HTTPMethod=*,URLPath=*,Version=1");
        var foreignBefore = await RuleAsync(foreign);
        await moto.Seeder.CreateRestApiAsync(app + "-api", new Dictionary<string, string> { ["app"] = app }, ["prod"]);
        var loaded = policies.Write("p.yaml", Policy(app, "apigateway:stage", "    apiGateway: true\n    sampling: { fixedRate: 0.1, reservoirSize: 2, priority: 8000 }")).Load();
        using var aws = moto.CreateClients();

        var first = await Engine.ApplyAsync(aws, loaded, app);

        Assert.Empty(first.Errors);
        var rule = (await RuleAsync(name))!;
        Assert.Equal((0.1, 2, 8000, $"{app}-api/prod", "AWS::ApiGateway::Stage"), ((double)rule["FixedRate"]!, (int)rule["ReservoirSize"]!, (int)rule["Priority"]!, (string?)rule["ServiceName"], (string?)rule["ServiceType"]));

        await cli.RunAsync("xray", "update-sampling-rule", "--sampling-rule-update", $"RuleName={name},FixedRate=0.9");
        using var again = moto.CreateClients();
        var corrected = await Engine.ApplyAsync(again, loaded, app);

        Assert.Empty(corrected.Errors);
        Assert.Contains("fixedRate: 0.9 -> 0.1", PlanTextRenderer.Render(corrected.Plan), StringComparison.Ordinal);
        Assert.Equal(0.1, (double)(await RuleAsync(name))!["FixedRate"]!);
        Assert.Equal(1, again.Counters.Snapshot().Single(c => c.Operation == "UpdateSamplingRule").Calls);
        Assert.Equal(Without(foreignBefore!, "ModifiedAt").ToJsonString(), Without((await RuleAsync(foreign))!, "ModifiedAt").ToJsonString());
    }

    [Fact]
    public async Task Plan_TraceArrival_WarnsOnlyAboutTheFunctionAndStageInvokedSinceTheirLastChangeThatSentNoTrace()
    {
        var app = "xa-" + MotoFixture.UniqueSuffix();
        var (healthy, silent, few, idle, recent) = (app + "-healthy", app + "-silent", app + "-few", app + "-idle", app + "-recent");
        foreach (var function in new[] { healthy, silent, few, idle, recent })
        {
            await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app }, "Active");
        }

        // Lambda's LastModified of a function is when it was created, and the check counts invocations only after a
        // resource's last change: so the run looks from half an hour ahead, and the traffic is 10 minutes from now.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(30));
        var when = DateTimeOffset.UtcNow.AddMinutes(10);
        await PutInvocationsAsync(healthy, 50, when);
        await PutInvocationsAsync(silent, 40, when);
        await PutInvocationsAsync(few, 5, when);
        await PutSegmentAsync(healthy, "AWS::Lambda::Function", when);

        // Invoked before it was last changed (here: created), as a function is before its tracing is turned on: those
        // invocations could not have been traced, so they do not count.
        await PutInvocationsAsync(recent, 60, DateTimeOffset.UtcNow.AddMinutes(-10));

        // Two traced stages called 30 times each; X-Ray saw prod and not dev.
        var api = app + "-api";
        var apiId = await moto.Seeder.CreateRestApiAsync(api, new Dictionary<string, string> { ["app"] = app }, ["prod", "dev"]);
        foreach (var stage in new[] { "prod", "dev" })
        {
            await cli.RunAsync("apigateway", "update-stage", "--rest-api-id", apiId, "--stage-name", stage, "--patch-operations", "op=replace,path=/tracingEnabled,value=true");
            await cli.RunAsync(
                "cloudwatch", "put-metric-data", "--namespace", "AWS/ApiGateway", "--metric-name", "Count",
                "--dimensions", $"ApiName={api},Stage={stage}", "--value", "30",
                "--timestamp", when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }

        await PutSegmentAsync($"{api}/prod", "AWS::ApiGateway::Stage", when);
        var loaded = policies.Write("p.yaml", Policy(app, "lambda:function, apigateway:stage", "    lambda: Active\n    verify: { window: 60, minInvocations: 20 }")).Load();
        using var aws = moto.CreateClients();

        var planned = await Engine.RunAsync(aws, loaded, app, apply: false, time: clock);

        Assert.Equal([$"Lambda function {silent}", $"REST API stage {api}/dev"], planned.Warnings.Select(w => w.Subject));
        var warning = planned.Warnings[0];
        Assert.Equal(("traceArrival", "noTraces"), (warning.Check, warning.Code));
        Assert.Contains("sampling rule", planned.Warnings[1].Remedy, StringComparison.Ordinal);
        Assert.StartsWith("It was invoked 40 times in the ", warning.Cause, StringComparison.Ordinal);
        Assert.Contains("(after its configuration last changed)", warning.Cause, StringComparison.Ordinal);
        Assert.Equal(0, Engine.Writes(aws));
        Assert.Equal(1, aws.Counters.Snapshot().Single(c => c.Operation == "GetMetricData").Calls);
        Assert.Equal(1, aws.Counters.Snapshot().Single(c => c.Operation == "GetServiceGraph").Calls);
        var json = JsonNode.Parse(ReportJsonRenderer.Render(planned.Report))!;
        Assert.Equal("noTraces", (string?)json["warnings"]![0]!["code"]);
        Assert.Contains($"Lambda function {silent}", PlanTextRenderer.Render(planned.Plan, warnings: planned.Warnings), StringComparison.Ordinal);
    }

    private async Task PutInvocationsAsync(string function, int count, DateTimeOffset when) =>
        await cli.RunAsync(
            "cloudwatch", "put-metric-data", "--namespace", "AWS/Lambda", "--metric-name", "Invocations",
            "--dimensions", $"FunctionName={function}", "--value", count.ToString(CultureInfo.InvariantCulture),
            "--timestamp", when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private async Task PutSegmentAsync(string name, string origin, DateTimeOffset when)
    {
        var start = when.ToUnixTimeMilliseconds() / 1000.0;
        var traceId = $"1-{when.ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..35];
        var segment = new JsonObject
        {
            ["name"] = name,
            ["id"] = Guid.NewGuid().ToString("N")[..16],
            ["trace_id"] = traceId,
            ["start_time"] = start,
            ["end_time"] = start + 0.2,
            ["origin"] = origin,
        };
        await cli.RunAsync("xray", "put-trace-segments", "--trace-segment-documents", segment.ToJsonString());
    }

    private async Task<JsonNode?> GroupAsync(string name) =>
        (await cli.RunAsync("xray", "get-groups"))["Groups"]!.AsArray().FirstOrDefault(g => (string?)g!["GroupName"] == name);

    private async Task<JsonNode?> RuleAsync(string name) =>
        (await cli.RunAsync("xray", "get-sampling-rules"))["SamplingRuleRecords"]!.AsArray()
            .Select(record => record!["SamplingRule"]).FirstOrDefault(rule => (string?)rule!["RuleName"] == name);

    private static JsonObject Without(JsonNode node, string member)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(member);
        return copy;
    }
}
