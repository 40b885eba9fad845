using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// Lambda never changes a published version: against moto, an alias to a version published without tracing is named
/// by the run that turns $LATEST's tracing on, and that function is not reported in sync.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class PublishedVersionsEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();
    private readonly AwsCli _cli = new(moto.Endpoint);

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task PlanThenApply_AliasToUntracedVersion_PlanAndReportNameTheAlias()
    {
        var app = "aliases-" + MotoFixture.UniqueSuffix();
        var function = app + "-fn";
        await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app });
        var published = await _cli.RunAsync("lambda", "publish-version", "--function-name", function);
        var version = (string)published["Version"]!;
        await _cli.RunAsync("lambda", "create-alias", "--function-name", function, "--name", "live", "--function-version", version);
        var policies = _policies.Write("tracing.yaml", PolicyYaml.TracingOnly(app, app, "Active")).Load();
        using var aws = moto.CreateClients();

        var planned = await Engine.PlanAsync(aws, policies, app);
        var applied = await Engine.ApplyAsync(aws, policies, app);

        Assert.Empty(planned.Errors);
        Assert.Equal(ChangeKind.FunctionTracing, Assert.Single(planned.Plan.Changes, c => c.Target == function).Kind);
        var text = PlanTextRenderer.Render(planned.Plan);
        Assert.Contains($"alias live -> version {version} (PassThrough)", text, StringComparison.Ordinal);
        var resource = Assert.Single(applied.Plan.Resources, r => r.Name == function);
        Assert.Equal(ResourceState.Drifted, resource.State);
        Assert.Contains($"alias live -> version {version} has tracing PassThrough; published versions cannot change", resource.Reason, StringComparison.Ordinal);
        var entry = applied.Report.Policies.Single(p => p.Name == app).Entries.Single(e => e.Name == function);
        Assert.NotEqual(EntryStatus.InSync, entry.Status);
        Assert.Contains($"alias live -> version {version}", entry.Reason, StringComparison.Ordinal);
        var live = await _cli.RunAsync("lambda", "get-function-configuration", "--function-name", function, "--qualifier", "live");
        Assert.Equal("PassThrough", (string?)live["TracingConfig"]?["Mode"] ?? "PassThrough");
        // One ListAliases a run (both runs saw $LATEST drift), one ListVersionsByFunction a run (it has an alias).
        Assert.Equal((2L, 2L), (Calls(aws, "ListAliases"), Calls(aws, "ListVersionsByFunction")));
    }

    private static long Calls(Reconciler.Aws.IAwsClients aws, string operation) =>
        aws.Counters.Snapshot().Where(o => o.Operation == operation).Sum(o => o.Calls);
}
