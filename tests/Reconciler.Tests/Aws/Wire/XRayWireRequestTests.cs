using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>
/// The X-Ray client (groups, sampling rules, their tags, the service graph) and CloudWatch GetMetricData, which the
/// trace-arrival check reads with it, held to botocore.
/// </summary>
public sealed partial class WireRequestTests
{
    public static TheoryData<string> XRayGetGroupsCases => GoldenWire.CaseNames("xray", "GetGroups");

    public static TheoryData<string> XRayCreateGroupCases => GoldenWire.CaseNames("xray", "CreateGroup");

    public static TheoryData<string> XRayUpdateGroupCases => GoldenWire.CaseNames("xray", "UpdateGroup");

    public static TheoryData<string> XRayDeleteGroupCases => GoldenWire.CaseNames("xray", "DeleteGroup");

    public static TheoryData<string> XRayGetSamplingRulesCases => GoldenWire.CaseNames("xray", "GetSamplingRules");

    public static TheoryData<string> XRayCreateSamplingRuleCases => GoldenWire.CaseNames("xray", "CreateSamplingRule");

    public static TheoryData<string> XRayUpdateSamplingRuleCases => GoldenWire.CaseNames("xray", "UpdateSamplingRule");

    public static TheoryData<string> XRayDeleteSamplingRuleCases => GoldenWire.CaseNames("xray", "DeleteSamplingRule");

    public static TheoryData<string> XRayListTagsForResourceCases => GoldenWire.CaseNames("xray", "ListTagsForResource");

    public static TheoryData<string> XRayGetServiceGraphCases => GoldenWire.CaseNames("xray", "GetServiceGraph");

    public static TheoryData<string> GetMetricDataCases => GoldenWire.CaseNames("cloudwatch", "GetMetricData");

    [Theory]
    [MemberData(nameof(XRayGetGroupsCases))]
    public Task XRayGetGroups_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "GetGroups", caseName, p =>
        {
            p.PageToken("NextToken");
            return clients => DrainAsync(clients.XRay.GetGroupsAsync(None));
        });

    [Theory]
    [MemberData(nameof(XRayCreateGroupCases))]
    public Task XRayCreateGroup_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "CreateGroup", caseName, p =>
        {
            var (name, filter, tags) = (p.RequiredString("GroupName"), p.RequiredString("FilterExpression"), p.Tags());
            return clients => clients.XRay.CreateGroupAsync(name, filter, tags, None);
        });

    [Theory]
    [MemberData(nameof(XRayUpdateGroupCases))]
    public Task XRayUpdateGroup_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "UpdateGroup", caseName, p =>
        {
            var (arn, filter) = (p.RequiredString("GroupARN"), p.RequiredString("FilterExpression"));
            return clients => clients.XRay.UpdateGroupAsync(arn, filter, None);
        });

    [Theory]
    [MemberData(nameof(XRayDeleteGroupCases))]
    public Task XRayDeleteGroup_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "DeleteGroup", caseName, p =>
        {
            var arn = p.RequiredString("GroupARN");
            return clients => clients.XRay.DeleteGroupAsync(arn, None);
        });

    [Theory]
    [MemberData(nameof(XRayGetSamplingRulesCases))]
    public Task XRayGetSamplingRules_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "GetSamplingRules", caseName, p =>
        {
            p.PageToken("NextToken");
            return clients => DrainAsync(clients.XRay.GetSamplingRulesAsync(None));
        });

    [Theory]
    [MemberData(nameof(XRayCreateSamplingRuleCases))]
    public Task XRayCreateSamplingRule_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "CreateSamplingRule", caseName, p =>
        {
            var rule = ToSamplingRule(p.Node("SamplingRule")!, withVersion: true);
            var tags = p.Tags();
            return clients => clients.XRay.CreateSamplingRuleAsync(rule, tags, None);
        });

    [Theory]
    [MemberData(nameof(XRayUpdateSamplingRuleCases))]
    public Task XRayUpdateSamplingRule_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "UpdateSamplingRule", caseName, p =>
        {
            var rule = ToSamplingRule(p.Node("SamplingRuleUpdate")!, withVersion: false);
            return clients => clients.XRay.UpdateSamplingRuleAsync(rule, None);
        });

    [Theory]
    [MemberData(nameof(XRayDeleteSamplingRuleCases))]
    public Task XRayDeleteSamplingRule_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "DeleteSamplingRule", caseName, p =>
        {
            var name = p.RequiredString("RuleName");
            return clients => clients.XRay.DeleteSamplingRuleAsync(name, None);
        });

    [Theory]
    [MemberData(nameof(XRayListTagsForResourceCases))]
    public Task XRayListTagsForResource_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "ListTagsForResource", caseName, p =>
        {
            var arn = p.RequiredString("ResourceARN");
            p.PageToken("NextToken");
            return clients => clients.XRay.ListTagsForResourceAsync(arn, None);
        });

    [Theory]
    [MemberData(nameof(XRayGetServiceGraphCases))]
    public Task XRayGetServiceGraph_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("xray", "GetServiceGraph", caseName, p =>
        {
            var (start, end) = (Instant(p.RequiredString("StartTime")), Instant(p.RequiredString("EndTime")));
            var group = p.String("GroupName");
            p.PageToken("NextToken");
            return clients => clients.XRay.GetServiceGraphAsync(start, end, group, None);
        });

    [Theory]
    [MemberData(nameof(GetMetricDataCases))]
    public Task GetMetricData_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "GetMetricData", caseName, p =>
        {
            var queries = p.Node("MetricDataQueries")!.AsArray().Select(q => ToMetricDataQuery(q!)).ToList();
            var (start, end) = (Instant(p.RequiredString("StartTime")), Instant(p.RequiredString("EndTime")));
            p.PageToken("NextToken");
            return clients => clients.CloudWatch.GetMetricDataAsync(queries, start, end, None);
        });

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // A SamplingRule (withVersion) or SamplingRuleUpdate: every member of the case must be one the record carries.
    private static XRaySamplingRule ToSamplingRule(JsonNode node, bool withVersion)
    {
        string[] members = ["RuleName", "RuleARN", "ResourceARN", "Priority", "FixedRate", "ReservoirSize", "ServiceName", "ServiceType", "Host", "HTTPMethod", "URLPath", .. withVersion ? ["Version"] : Array.Empty<string>()];
        var unread = node.AsObject().Select(member => member.Key).Except(members, StringComparer.Ordinal).ToList();
        Assert.True(unread.Count == 0, $"The rule has members the client cannot be given: {string.Join(", ", unread)}.");

        var rule = new XRaySamplingRule(
            (string)node["RuleName"]!,
            (string?)node["RuleARN"],
            (string)node["ResourceARN"]!,
            (int)node["Priority"]!,
            (double)node["FixedRate"]!,
            (int)node["ReservoirSize"]!,
            (string)node["ServiceName"]!,
            (string)node["ServiceType"]!,
            (string)node["Host"]!,
            (string)node["HTTPMethod"]!,
            (string)node["URLPath"]!);
        return withVersion ? rule with { Version = (int)node["Version"]! } : rule;
    }
}
