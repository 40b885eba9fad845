using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// Lambda never changes a published version: against moto, an alias to a version published without tracing is named
/// by every run while it serves traffic, the run that turns $LATEST's tracing on and the ones after it, and that
/// function is never reported in sync. Aliases are read only for functions that keep such a version.
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
        var (app, function, version) = await SeedAliasToUntracedVersionAsync();
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
        // One ListAliases a run: the function keeps an untraced published version. The versions' tracing comes from
        // ListFunctions with FunctionVersion=ALL, so no per-function version listing.
        Assert.Equal((2L, 0L), (Calls(aws, "ListAliases"), Calls(aws, "ListVersionsByFunction")));
    }

    [Fact]
    public async Task PlanAfterApply_LatestTracedButAliasStillOnUntracedVersion_StillNamesTheAlias()
    {
        var (app, function, version) = await SeedAliasToUntracedVersionAsync();
        var policies = _policies.Write("tracing.yaml", PolicyYaml.TracingOnly(app, app, "Active")).Load();
        using var aws = moto.CreateClients();

        await Engine.ApplyAsync(aws, policies, app);
        var later = await Engine.PlanAsync(aws, policies, app);

        Assert.DoesNotContain(later.Plan.Changes, c => c.Target == function);
        var resource = Assert.Single(later.Plan.Resources, r => r.Name == function);
        Assert.Equal(ResourceState.Drifted, resource.State);
        Assert.Contains($"alias live -> version {version} has tracing PassThrough", resource.Reason, StringComparison.Ordinal);
        Assert.Contains($"alias live -> version {version} (PassThrough)", PlanTextRenderer.Render(later.Plan), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_AliasOnVersionPublishedAfterTracingWasOn_InSyncAndNoAliasRead()
    {
        var app = "aliases-ok-" + MotoFixture.UniqueSuffix();
        var function = app + "-fn";
        var plain = app + "-plain";
        await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app });
        await moto.Seeder.CreateFunctionAsync(plain, new Dictionary<string, string> { ["app"] = app });
        await _cli.RunAsync("lambda", "update-function-configuration", "--function-name", function, "--tracing-config", "Mode=Active");
        await _cli.RunAsync("lambda", "update-function-configuration", "--function-name", plain, "--tracing-config", "Mode=Active");
        var published = await _cli.RunAsync("lambda", "publish-version", "--function-name", function);
        await _cli.RunAsync("lambda", "create-alias", "--function-name", function, "--name", "live", "--function-version", (string)published["Version"]!);
        var policies = _policies.Write("tracing.yaml", PolicyYaml.TracingOnly(app, app, "Active")).Load();
        using var aws = moto.CreateClients();

        var planned = await Engine.PlanAsync(aws, policies, app);

        Assert.Empty(planned.Plan.Changes);
        Assert.All(planned.Plan.Resources.Where(r => r.Name == function || r.Name == plain), r => Assert.Equal(ResourceState.InSync, r.State));
        // Every published version is traced as wanted, so no alias can serve otherwise: nothing to read per function.
        Assert.Equal(0L, Calls(aws, "ListAliases"));
    }

    private async Task<(string App, string Function, string Version)> SeedAliasToUntracedVersionAsync()
    {
        var app = "aliases-" + MotoFixture.UniqueSuffix();
        var function = app + "-fn";
        await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app });
        var published = await _cli.RunAsync("lambda", "publish-version", "--function-name", function);
        var version = (string)published["Version"]!;
        await _cli.RunAsync("lambda", "create-alias", "--function-name", function, "--name", "live", "--function-version", version);
        return (app, function, version);
    }

    private static long Calls(Reconciler.Aws.IAwsClients aws, string operation) =>
        aws.Counters.Snapshot().Where(o => o.Operation == operation).Sum(o => o.Calls);
}
