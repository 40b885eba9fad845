using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>The X-Ray client's answers, and CloudWatch GetMetricData's, read as botocore reads them.</summary>
public sealed partial class WireResponseTests
{
    private const string OrdersGroupArn = "arn:aws:xray:us-east-1:123456789012:group/reconciler-orders/XRG3QHVLDZ5CUUPOAAF4WXEOT2BJ4LGFY7YSVKQDJHG5Q2ZY4OVA";

    private const string OrdersFilter =
        "service(id(name: \"orders-api\", type: \"AWS::Lambda::Function\")) OR service(id(name: \"orders/prod\", type: \"AWS::ApiGateway::Stage\"))";

    [Fact]
    public async Task XRayGetGroups_DefaultAndPolicyGroup_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("xray", "GetGroups");
        var groups = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.XRay.GetGroupsAsync(None)));

        AssertReadsAsBotocore(operation, new JsonObject { ["Groups"] = new JsonArray([.. groups.Select(Group)]) }, []);
        Assert.Equal(
            [
                new XRayGroup("Default", "arn:aws:xray:us-east-1:123456789012:group/Default", null),
                new XRayGroup("reconciler-orders", OrdersGroupArn, OrdersFilter),
            ],
            groups);
    }

    [Theory]
    [InlineData("CreateGroup")]
    [InlineData("UpdateGroup")]
    public async Task XRayCreateOrUpdateGroup_GroupAnswer_ReadsEveryFieldBotocoreReads(string operationName)
    {
        var operation = GoldenWire.Operation("xray", operationName);
        var group = await WireHarness.ParseAsync(operation, clients => operationName == "CreateGroup"
            ? clients.XRay.CreateGroupAsync("reconciler-orders", OrdersFilter, [], None)
            : clients.XRay.UpdateGroupAsync(OrdersGroupArn, OrdersFilter, None));

        AssertReadsAsBotocore(operation, new JsonObject { ["Group"] = Group(group) }, []);
        Assert.Equal(new XRayGroup("reconciler-orders", OrdersGroupArn, OrdersFilter), group);
    }

    [Fact]
    public async Task XRayGetSamplingRules_DefaultAndPolicyRule_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("xray", "GetSamplingRules");
        var rules = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.XRay.GetSamplingRulesAsync(None)));

        var ours = new JsonObject
        {
            ["SamplingRuleRecords"] = new JsonArray([.. rules.Select(rule => new JsonObject
            {
                ["SamplingRule"] = new JsonObject
                {
                    ["RuleName"] = rule.RuleName,
                    ["RuleARN"] = rule.RuleArn,
                    ["ResourceARN"] = rule.ResourceArn,
                    ["Priority"] = rule.Priority,
                    ["FixedRate"] = rule.FixedRate,
                    ["ReservoirSize"] = rule.ReservoirSize,
                    ["ServiceName"] = rule.ServiceName,
                    ["ServiceType"] = rule.ServiceType,
                    ["Host"] = rule.Host,
                    ["HTTPMethod"] = rule.HttpMethod,
                    ["URLPath"] = rule.UrlPath,
                    ["Version"] = rule.Version,
                },
            })]),
        };

        AssertReadsAsBotocore(operation, ours, []);
        Assert.Equal(
            new XRaySamplingRule("reconciler-orders", "arn:aws:xray:us-east-1:123456789012:sampling-rule/reconciler-orders", "*", 9000, 0.05, 1, "orders/prod", "AWS::ApiGateway::Stage", "*", "*", "*", 1),
            rules.Single(rule => rule.RuleName == "reconciler-orders"));
        Assert.Equal(10000, rules.Single(rule => rule.RuleName == "Default").Priority);
    }

    [Fact]
    public async Task XRayListTagsForResource_OwnershipTags_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("xray", "ListTagsForResource");
        var tags = await WireHarness.ParseAsync(operation, clients => clients.XRay.ListTagsForResourceAsync(OrdersGroupArn, None));

        var ours = new JsonObject { ["Tags"] = new JsonArray([.. tags.Select(t => new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]) };
        AssertReadsAsBotocore(operation, ours, []);
        Assert.Equal([new("managed-by", "observability-reconciler"), new("reconciler:owner", "reconciler"), new Tag("reconciler:policy", "orders")], tags);
    }

    [Fact]
    public async Task XRayGetServiceGraph_StageLambdaAndBareNode_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("xray", "GetServiceGraph");
        var nodes = await WireHarness.ParseAsync(operation, clients => clients.XRay.GetServiceGraphAsync(
            new DateTimeOffset(2026, 1, 5, 8, 25, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 5, 9, 25, 0, TimeSpan.Zero), null, None));

        var ours = new JsonObject
        {
            ["Services"] = new JsonArray([.. nodes.Select(node => new JsonObject
            {
                ["Name"] = node.Name,
                ["Names"] = Strings(node.Names),
                ["Type"] = node.Type,
                ["SummaryStatistics"] = new JsonObject { ["TotalCount"] = node.RequestCount },
            })]),
        };

        // A node without SummaryStatistics served no request the graph counted.
        AssertReadsAsBotocore(operation, ours, new() { ["SummaryStatistics"] = new JsonObject { ["TotalCount"] = 0 } });
        Assert.Equal(("orders/prod", "AWS::ApiGateway::Stage", 1250L), (nodes[0].Name, nodes[0].Type, nodes[0].RequestCount));
        Assert.Equal(("orders-api", "AWS::Lambda::Function", 1250L), (nodes[1].Name, nodes[1].Type, nodes[1].RequestCount));
        Assert.Equal(("orders-legacy", (string?)null, 0L), (nodes[2].Name, nodes[2].Type, nodes[2].RequestCount));
        Assert.Equal(["orders-legacy", "orders-legacy-v1"], nodes[2].Names);
    }

    [Fact]
    public async Task GetMetricData_QueryWithAndWithoutDatapoints_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "GetMetricData");
        MetricStat Stat(string ns, string metric) => new(ns, metric, [], 3600, "Sum");
        List<MetricDataQuery> queries =
        [
            new("m0", null, Stat("AWS/Lambda", "Invocations"), null, ReturnData: true),
            new("m1", null, Stat("AWS/ApiGateway", "Count"), null, ReturnData: true),
        ];
        var results = await WireHarness.ParseAsync(operation, clients => clients.CloudWatch.GetMetricDataAsync(
            queries, new DateTimeOffset(2026, 1, 5, 8, 25, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 5, 9, 25, 0, TimeSpan.Zero), None));

        var ours = new JsonObject
        {
            ["MetricDataResults"] = new JsonArray([.. results.Select(result => new JsonObject
            {
                ["Id"] = result.Id,
                ["Timestamps"] = new JsonArray([.. result.Datapoints.Select(point => (JsonNode)point.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))]),
                ["Values"] = new JsonArray([.. result.Values.Select(value => (JsonNode)value)]),
                ["StatusCode"] = result.StatusCode,
            })]),
        };

        AssertReadsAsBotocore(operation, ours, []);
        Assert.Equal(("m0", 1250.0, "Complete"), (results[0].Id, Assert.Single(results[0].Values), results[0].StatusCode));
        Assert.Equal(("m1", 0, "Complete"), (results[1].Id, results[1].Datapoints.Count, results[1].StatusCode));
    }

    private static JsonObject Group(XRayGroup group) => new()
    {
        ["GroupName"] = group.GroupName,
        ["GroupARN"] = group.GroupArn,
        ["FilterExpression"] = group.FilterExpression,
    };
}
