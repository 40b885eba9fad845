using System.Runtime.CompilerServices;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>AWS X-Ray over REST-JSON: every operation is a POST of a JSON body to its own path (API version 2016-04-12).</summary>
internal sealed class XRayClient(AwsTransport transport) : IXRayClient
{
    private const string ContentType = "application/json";

    private static readonly AwsOperation GetGroups = Op("GetGroups", false);
    private static readonly AwsOperation CreateGroup = Op("CreateGroup", true);
    private static readonly AwsOperation UpdateGroup = Op("UpdateGroup", true);
    private static readonly AwsOperation DeleteGroup = Op("DeleteGroup", true);
    private static readonly AwsOperation GetSamplingRules = Op("GetSamplingRules", false);
    private static readonly AwsOperation CreateSamplingRule = Op("CreateSamplingRule", true);
    private static readonly AwsOperation UpdateSamplingRule = Op("UpdateSamplingRule", true);
    private static readonly AwsOperation DeleteSamplingRule = Op("DeleteSamplingRule", true);
    private static readonly AwsOperation ListTagsForResource = Op("ListTagsForResource", false);
    private static readonly AwsOperation GetServiceGraph = Op("GetServiceGraph", false);

    public async IAsyncEnumerable<XRayGroup> GetGroupsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        do
        {
            var page = await PostAsync(GetGroups, "/Groups", new XRayNextTokenRequestJson(nextToken), XRayJsonContext.Default.XRayNextTokenRequestJson, XRayJsonContext.Default.XRayGetGroupsResponseJson, cancellationToken);
            foreach (var group in page.Groups ?? [])
            {
                if (ToModel(group) is { } model)
                {
                    yield return model;
                }
            }

            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);
    }

    public async Task<XRayGroup> CreateGroupAsync(string groupName, string filterExpression, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(filterExpression);
        ArgumentNullException.ThrowIfNull(tags);
        var body = new XRayCreateGroupRequestJson(groupName, filterExpression, Tags(tags));
        var answer = await PostAsync(CreateGroup, "/CreateGroup", body, XRayJsonContext.Default.XRayCreateGroupRequestJson, XRayJsonContext.Default.XRayGroupResponseJson, cancellationToken);
        return ToModel(answer.Group) ?? new XRayGroup(groupName, string.Empty, filterExpression);
    }

    public async Task<XRayGroup> UpdateGroupAsync(string groupArn, string filterExpression, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(filterExpression);
        var body = new XRayUpdateGroupRequestJson(groupArn, filterExpression);
        var answer = await PostAsync(UpdateGroup, "/UpdateGroup", body, XRayJsonContext.Default.XRayUpdateGroupRequestJson, XRayJsonContext.Default.XRayGroupResponseJson, cancellationToken);
        return ToModel(answer.Group) ?? new XRayGroup(string.Empty, groupArn, filterExpression);
    }

    public async Task DeleteGroupAsync(string groupArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupArn);
        await PostAsync(DeleteGroup, "/DeleteGroup", new XRayDeleteGroupRequestJson(groupArn), XRayJsonContext.Default.XRayDeleteGroupRequestJson, XRayJsonContext.Default.XRayUnreadResponseJson, cancellationToken);
    }

    public async IAsyncEnumerable<XRaySamplingRule> GetSamplingRulesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        do
        {
            var page = await PostAsync(GetSamplingRules, "/GetSamplingRules", new XRayNextTokenRequestJson(nextToken), XRayJsonContext.Default.XRayNextTokenRequestJson, XRayJsonContext.Default.XRayGetSamplingRulesResponseJson, cancellationToken);
            foreach (var record in page.SamplingRuleRecords ?? [])
            {
                if (ToModel(record.SamplingRule) is { } rule)
                {
                    yield return rule;
                }
            }

            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);
    }

    public async Task CreateSamplingRuleAsync(XRaySamplingRule rule, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(tags);

        // A new rule carries no ARN (X-Ray assigns it); Version is required and 1 is the only value X-Ray accepts.
        var body = new XRayCreateSamplingRuleRequestJson(ToJson(rule with { RuleArn = null }, rule.Version), Tags(tags));
        await PostAsync(CreateSamplingRule, "/CreateSamplingRule", body, XRayJsonContext.Default.XRayCreateSamplingRuleRequestJson, XRayJsonContext.Default.XRayUnreadResponseJson, cancellationToken);
    }

    public async Task UpdateSamplingRuleAsync(XRaySamplingRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);

        // SamplingRuleUpdate names the rule by RuleName and has no Version member; the ARN is not sent alongside the
        // name (the model takes either).
        var body = new XRayUpdateSamplingRuleRequestJson(ToJson(rule with { RuleArn = null }, version: null));
        await PostAsync(UpdateSamplingRule, "/UpdateSamplingRule", body, XRayJsonContext.Default.XRayUpdateSamplingRuleRequestJson, XRayJsonContext.Default.XRayUnreadResponseJson, cancellationToken);
    }

    public async Task DeleteSamplingRuleAsync(string ruleName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleName);
        await PostAsync(DeleteSamplingRule, "/DeleteSamplingRule", new XRayDeleteSamplingRuleRequestJson(ruleName), XRayJsonContext.Default.XRayDeleteSamplingRuleRequestJson, XRayJsonContext.Default.XRayUnreadResponseJson, cancellationToken);
    }

    public async Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceArn);
        var tags = new List<Tag>();
        string? nextToken = null;
        do
        {
            var page = await PostAsync(ListTagsForResource, "/ListTagsForResource", new XRayListTagsRequestJson(resourceArn, nextToken), XRayJsonContext.Default.XRayListTagsRequestJson, XRayJsonContext.Default.XRayListTagsResponseJson, cancellationToken);
            tags.AddRange((page.Tags ?? []).Select(tag => new Tag(tag.Key, tag.Value)));
            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);
        return tags;
    }

    public async Task<IReadOnlyList<ServiceGraphNode>> GetServiceGraphAsync(DateTimeOffset startTime, DateTimeOffset endTime, string? groupName, CancellationToken cancellationToken)
    {
        var nodes = new List<ServiceGraphNode>();
        string? nextToken = null;
        do
        {
            var body = new XRayGetServiceGraphRequestJson(startTime.ToUnixTimeSeconds(), endTime.ToUnixTimeSeconds(), groupName, nextToken);
            var page = await PostAsync(GetServiceGraph, "/ServiceGraph", body, XRayJsonContext.Default.XRayGetServiceGraphRequestJson, XRayJsonContext.Default.XRayGetServiceGraphResponseJson, cancellationToken);
            foreach (var service in page.Services ?? [])
            {
                if (service.Name is { Length: > 0 } name)
                {
                    nodes.Add(new ServiceGraphNode(name, service.Names ?? [name], service.Type, service.SummaryStatistics?.TotalCount ?? 0));
                }
            }

            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);
        return nodes;
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        AwsOperation operation,
        string path,
        TRequest body,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> requestType,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var response = await transport.SendAsync(
            operation,
            baseUrl => new HttpRequestMessage(HttpMethod.Post, baseUrl + path) { Content = JsonContent.Create(body, requestType, ContentType) },
            cancellationToken);
        return JsonContent.Parse(response.Body, responseType, "xray", operation.Name);
    }

    // The model's Tags list may be empty, but no tags is sent as no member, as botocore does with an unset list.
    private static IReadOnlyList<XRayTagJson>? Tags(IReadOnlyList<Tag> tags) =>
        tags.Count == 0 ? null : [.. tags.Select(tag => new XRayTagJson(tag.Key, tag.Value))];

    private static XRayGroup? ToModel(XRayGroupJson? group) =>
        group is { GroupName: { Length: > 0 } name } ? new XRayGroup(name, group.GroupArn ?? string.Empty, group.FilterExpression) : null;

    private static XRaySamplingRule? ToModel(XRaySamplingRuleJson? rule) =>
        rule is { RuleName: { Length: > 0 } name }
            ? new XRaySamplingRule(
                name,
                rule.RuleArn,
                rule.ResourceArn ?? "*",
                rule.Priority ?? 0,
                rule.FixedRate ?? 0,
                rule.ReservoirSize ?? 0,
                rule.ServiceName ?? "*",
                rule.ServiceType ?? "*",
                rule.Host ?? "*",
                rule.HttpMethod ?? "*",
                rule.UrlPath ?? "*",
                rule.Version ?? 1)
            : null;

    private static XRaySamplingRuleJson ToJson(XRaySamplingRule rule, int? version) =>
        new(rule.RuleName, rule.RuleArn, rule.ResourceArn, rule.Priority, rule.FixedRate, rule.ReservoirSize, rule.ServiceName, rule.ServiceType, rule.Host, rule.HttpMethod, rule.UrlPath, version);

    private static AwsOperation Op(string name, bool isWrite) => new(AwsServiceCatalog.XRay, name, AwsOperationGroups.XRay, isWrite);
}
