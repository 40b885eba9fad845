using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The X-Ray kinds against strict moto, which reads filter expressions as X-Ray's grammar does (S9) and enforces X-Ray's
/// quota of 25 sampling rules per Region (patch N): the group's expression over a function and a stage is accepted, and
/// a sampling rule X-Ray refuses for the quota fails alone while the group is still written.
/// </summary>
[Collection(StrictMotoGroup.Name)]
public sealed class StrictTracesTests(StrictMotoFixture moto) : IAsyncLifetime, IDisposable
{
    private const int SamplingRuleQuota = 25;

    private readonly PolicyDirectory policies = new();
    private readonly AwsCli cli = new(moto.Endpoint);
    private readonly XRayLeftovers leftovers = new(new AwsCli(moto.Endpoint));

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose() => policies.Dispose();

    public Task DisposeAsync() => leftovers.RemoveAsync();

    private static string Policy(string app) => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {app}
        spec:
          selector:
            tags:
              app: {app}
          tracing:
            group: true
            sampling: {"{"} fixedRate: 0.05 {"}"}

        """;

    [Fact]
    public async Task Apply_GroupOverAFunctionAndAStage_StrictXRayAcceptsItsFilterExpression()
    {
        var (app, _) = await SeedAsync("sg");

        using var aws = moto.CreateClients();
        var applied = await Engine.ApplyAsync(aws, policies.Write("p.yaml", Policy(app)).Load(), app);

        Assert.Empty(applied.Errors);
        Assert.All(applied.Apply!.Outcomes, outcome => Assert.Equal(ChangeStatus.Applied, outcome.Status));
        var group = (await cli.RunAsync("xray", "get-groups"))["Groups"]!.AsArray().Single(g => (string?)g!["GroupName"] == XRayNaming.For(app, app))!;
        Assert.Equal(
            $"service(id(name: \"{app}-fn\", type: \"AWS::Lambda::Function\")) OR service(id(name: \"{app}-api/prod\", type: \"AWS::ApiGateway::Stage\"))",
            (string?)group["FilterExpression"]);
    }

    [Fact]
    public async Task Apply_SamplingRuleQuotaReached_OnlyTheRuleFailsAndTheGroupIsWritten()
    {
        var (app, _) = await SeedAsync("sq");
        var existing = (await cli.RunAsync("xray", "get-sampling-rules"))["SamplingRuleRecords"]!.AsArray().Count - 1;
        for (var i = existing; i < SamplingRuleQuota; i++)
        {
            var name = $"{app}-fill-{i.ToString(CultureInfo.InvariantCulture)}";
            leftovers.Rule(name);
            await cli.RunAsync("xray", "create-sampling-rule", "--sampling-rule", $"RuleName={name},ResourceARN=*,Priority=9999,FixedRate=0,ReservoirSize=0,ServiceName=nothing-{i},ServiceType=*,Host=*,HTTPMethod=*,URLPath=*,Version=1");
        }

        using var aws = moto.CreateClients();
        var applied = await Engine.ApplyAsync(aws, policies.Write("p.yaml", Policy(app)).Load(), app);

        var rule = Assert.Single(applied.Apply!.Outcomes, o => o.Change.Kind == ChangeKind.SamplingRule);
        Assert.Equal((ChangeStatus.Failed, "RuleLimitExceededException"), (rule.Status, rule.ErrorCode));
        Assert.StartsWith("X-Ray refused the rule: the Region already has the most sampling rules it allows", rule.Message, StringComparison.Ordinal);
        var group = Assert.Single(applied.Apply.Outcomes, o => o.Change.Kind == ChangeKind.TraceGroup);
        Assert.Equal(ChangeStatus.Applied, group.Status);
        Assert.Null(applied.Apply.Stopped);
    }

    [Fact]
    public async Task CreateGroup_FilterExpressionXRayCannotRead_IsRefusedAsInvalidRequest()
    {
        var name = "sb-" + MotoFixture.UniqueSuffix();
        leftovers.Group(name);
        using var aws = moto.CreateClients();

        var error = await Assert.ThrowsAsync<Reconciler.Aws.AwsServiceException>(() => aws.XRay.CreateGroupAsync(name, "service(id(name: \"a\"", [], CancellationToken.None));

        Assert.Equal(("InvalidRequestException", 400), (error.ErrorCode, error.StatusCode));
    }

    private async Task<(string App, string ApiId)> SeedAsync(string prefix)
    {
        var app = prefix + "-" + MotoFixture.UniqueSuffix();
        leftovers.Group(XRayNaming.For(app, app));
        leftovers.Rule(XRayNaming.For(app, app));
        await moto.Seeder.CreateFunctionAsync(app + "-fn", new Dictionary<string, string> { ["app"] = app });
        var apiId = await moto.Seeder.CreateRestApiAsync(app + "-api", new Dictionary<string, string> { ["app"] = app }, ["prod"]);
        return (app, apiId);
    }
}
