using System.Text.Json.Nodes;
using Reconciler.Aws;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

/// <summary>
/// The X-Ray client against moto with the launcher's patches M-O: GetGroups and GetSamplingRules followed page by
/// page (the patches page by 5, as a client cannot assume one page), the tags CreateGroup and CreateSamplingRule leave,
/// refusals passed on with X-Ray's codes, and the service graph built from stored segments.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class XRayMotoTests(MotoFixture moto) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<string> groups = [];
    private readonly List<string> rules = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var clients = moto.CreateClients();
        var listed = await LambdaAndTaggingMotoTests.ToListAsync(clients.XRay.GetGroupsAsync(None));
        foreach (var group in listed.Where(g => groups.Contains(g.GroupName)))
        {
            await clients.XRay.DeleteGroupAsync(group.GroupArn, None);
        }

        var listedRules = await LambdaAndTaggingMotoTests.ToListAsync(clients.XRay.GetSamplingRulesAsync(None));
        foreach (var rule in listedRules.Where(r => rules.Contains(r.RuleName)))
        {
            await clients.XRay.DeleteSamplingRuleAsync(rule.RuleName, None);
        }
    }

    [Fact]
    public async Task GetGroups_SevenGroups_FollowsNextTokenAndReadsFilterAndTags()
    {
        var prefix = "xg-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();
        for (var i = 0; i < 7; i++)
        {
            groups.Add($"{prefix}-{i}");
            await clients.XRay.CreateGroupAsync($"{prefix}-{i}", $"service(\"svc-{i}\")", [new Tag("reconciler:policy", $"p{i}")], None);
        }

        using var reader = moto.CreateClients();
        var listed = await LambdaAndTaggingMotoTests.ToListAsync(reader.XRay.GetGroupsAsync(None));

        var ours = listed.Where(g => g.GroupName.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(g => g.GroupName, StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"service(\"svc-{i}\")"), ours.Select(g => g.FilterExpression));
        Assert.Contains(listed, g => g.GroupName == "Default" && g.FilterExpression is null);
        Assert.True(reader.Counters.Snapshot().Single(c => c.Operation == "GetGroups").Calls >= 2, "seven groups and Default are more than one page of 5");
        var tags = await reader.XRay.ListTagsForResourceAsync(ours[3].GroupArn, None);
        Assert.Equal([new Tag("reconciler:policy", "p3")], tags);
    }

    [Fact]
    public async Task GetSamplingRules_SixRules_FollowsNextTokenAndReadsEveryMember()
    {
        var prefix = "xr-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();
        for (var i = 0; i < 6; i++)
        {
            rules.Add($"{prefix}-{i}");
            await clients.XRay.CreateSamplingRuleAsync(new XRaySamplingRule($"{prefix}-{i}", null, "*", 100 + i, 0.25, 2, $"orders-{i}/prod", "AWS::ApiGateway::Stage", "*", "GET", "/orders/*"), [], None);
        }

        var listed = await LambdaAndTaggingMotoTests.ToListAsync(clients.XRay.GetSamplingRulesAsync(None));

        var third = Assert.Single(listed, r => r.RuleName == $"{prefix}-3");
        Assert.Equal(new XRaySamplingRule($"{prefix}-3", $"arn:aws:xray:{MotoFixture.Region}:{MotoFixture.AccountId}:sampling-rule/{prefix}-3", "*", 103, 0.25, 2, "orders-3/prod", "AWS::ApiGateway::Stage", "*", "GET", "/orders/*"), third);
        Assert.Equal(6, listed.Count(r => r.RuleName.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Contains(listed, r => r.RuleName == "Default" && r.Priority == 10000);
        Assert.True(clients.Counters.Snapshot().Single(c => c.Operation == "GetSamplingRules").Calls >= 2);
    }

    [Fact]
    public async Task UpdateSamplingRule_ChangesTheMembersSent()
    {
        var name = "xu-" + MotoFixture.UniqueSuffix();
        rules.Add(name);
        using var clients = moto.CreateClients();
        var rule = new XRaySamplingRule(name, null, "*", 9000, 0.05, 1, "orders/prod", "AWS::ApiGateway::Stage", "*", "*", "*");
        await clients.XRay.CreateSamplingRuleAsync(rule, [new Tag("managed-by", "observability-reconciler")], None);

        await clients.XRay.UpdateSamplingRuleAsync(rule with { FixedRate = 0.5, Priority = 10 }, None);

        var stored = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.XRay.GetSamplingRulesAsync(None)), r => r.RuleName == name);
        Assert.Equal((0.5, 10, 1), (stored.FixedRate, stored.Priority, stored.ReservoirSize));
    }

    [Fact]
    public async Task CreateGroup_NameTaken_ThrowsInvalidRequestAsTerminal()
    {
        var name = "xd-" + MotoFixture.UniqueSuffix();
        groups.Add(name);
        using var clients = moto.CreateClients();
        await clients.XRay.CreateGroupAsync(name, "service(\"a\")", [], None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.XRay.CreateGroupAsync(name, "service(\"a\")", [], None));

        Assert.Equal(("xray", "CreateGroup", "InvalidRequestException", 400, AwsErrorKind.Terminal), (error.Service, error.Operation, error.ErrorCode, error.StatusCode, error.Kind));
    }

    [Fact]
    public async Task GetServiceGraph_StoredSegments_NamesEachNodeWithItsType()
    {
        var name = "xs-" + MotoFixture.UniqueSuffix();
        var now = DateTimeOffset.UtcNow;
        var cli = new AwsCli(moto.Endpoint);
        foreach (var (node, origin) in new[] { ($"{name}-fn", "AWS::Lambda::Function"), ($"{name}-api/prod", "AWS::ApiGateway::Stage") })
        {
            var start = now.AddMinutes(-2).ToUnixTimeMilliseconds() / 1000.0;
            var segment = new JsonObject
            {
                ["name"] = node,
                ["id"] = Guid.NewGuid().ToString("N")[..16],
                ["trace_id"] = $"1-{now.AddMinutes(-2).ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..35],
                ["start_time"] = start,
                ["end_time"] = start + 0.1,
                ["origin"] = origin,
            };
            await cli.RunAsync("xray", "put-trace-segments", "--trace-segment-documents", segment.ToJsonString());
        }

        using var clients = moto.CreateClients();
        var nodes = await clients.XRay.GetServiceGraphAsync(now.AddMinutes(-10), now, groupName: null, None);

        Assert.Contains(nodes, n => n.Name == $"{name}-fn" && n.Type == "AWS::Lambda::Function" && n.RequestCount == 1);
        Assert.Contains(nodes, n => n.Name == $"{name}-api/prod" && n.Type == "AWS::ApiGateway::Stage");
    }
}
