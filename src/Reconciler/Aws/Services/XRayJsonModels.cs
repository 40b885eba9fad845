using System.Text.Json.Serialization;

namespace Reconciler.Aws.Services;

// X-Ray's wire shapes (REST-JSON, members in PascalCase as in botocore's xray/2016-04-12 model). They stay internal:
// callers see the records of IXRayClient.

internal sealed record XRayTagJson(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Value")] string Value);

internal sealed record XRayNextTokenRequestJson(
    [property: JsonPropertyName("NextToken")] string? NextToken);

internal sealed record XRayGroupJson(
    [property: JsonPropertyName("GroupName")] string? GroupName,
    [property: JsonPropertyName("GroupARN")] string? GroupArn,
    [property: JsonPropertyName("FilterExpression")] string? FilterExpression);

internal sealed record XRayGetGroupsResponseJson(
    [property: JsonPropertyName("Groups")] IReadOnlyList<XRayGroupJson>? Groups,
    [property: JsonPropertyName("NextToken")] string? NextToken);

internal sealed record XRayGroupResponseJson(
    [property: JsonPropertyName("Group")] XRayGroupJson? Group);

internal sealed record XRayCreateGroupRequestJson(
    [property: JsonPropertyName("GroupName")] string GroupName,
    [property: JsonPropertyName("FilterExpression")] string FilterExpression,
    [property: JsonPropertyName("Tags")] IReadOnlyList<XRayTagJson>? Tags);

internal sealed record XRayUpdateGroupRequestJson(
    [property: JsonPropertyName("GroupARN")] string GroupArn,
    [property: JsonPropertyName("FilterExpression")] string FilterExpression);

internal sealed record XRayDeleteGroupRequestJson(
    [property: JsonPropertyName("GroupARN")] string GroupArn);

internal sealed record XRaySamplingRuleJson(
    [property: JsonPropertyName("RuleName")] string? RuleName,
    [property: JsonPropertyName("RuleARN")] string? RuleArn,
    [property: JsonPropertyName("ResourceARN")] string? ResourceArn,
    [property: JsonPropertyName("Priority")] int? Priority,
    [property: JsonPropertyName("FixedRate")] double? FixedRate,
    [property: JsonPropertyName("ReservoirSize")] int? ReservoirSize,
    [property: JsonPropertyName("ServiceName")] string? ServiceName,
    [property: JsonPropertyName("ServiceType")] string? ServiceType,
    [property: JsonPropertyName("Host")] string? Host,
    [property: JsonPropertyName("HTTPMethod")] string? HttpMethod,
    [property: JsonPropertyName("URLPath")] string? UrlPath,
    [property: JsonPropertyName("Version")] int? Version);

internal sealed record XRaySamplingRuleRecordJson(
    [property: JsonPropertyName("SamplingRule")] XRaySamplingRuleJson? SamplingRule);

internal sealed record XRayGetSamplingRulesResponseJson(
    [property: JsonPropertyName("SamplingRuleRecords")] IReadOnlyList<XRaySamplingRuleRecordJson>? SamplingRuleRecords,
    [property: JsonPropertyName("NextToken")] string? NextToken);

internal sealed record XRayCreateSamplingRuleRequestJson(
    [property: JsonPropertyName("SamplingRule")] XRaySamplingRuleJson SamplingRule,
    [property: JsonPropertyName("Tags")] IReadOnlyList<XRayTagJson>? Tags);

internal sealed record XRayUpdateSamplingRuleRequestJson(
    [property: JsonPropertyName("SamplingRuleUpdate")] XRaySamplingRuleJson SamplingRuleUpdate);

internal sealed record XRayDeleteSamplingRuleRequestJson(
    [property: JsonPropertyName("RuleName")] string RuleName);

internal sealed record XRayListTagsRequestJson(
    [property: JsonPropertyName("ResourceARN")] string ResourceArn,
    [property: JsonPropertyName("NextToken")] string? NextToken);

internal sealed record XRayListTagsResponseJson(
    [property: JsonPropertyName("Tags")] IReadOnlyList<XRayTagJson>? Tags,
    [property: JsonPropertyName("NextToken")] string? NextToken);

// The answer of a write whose members the client does not read (it still has to be JSON).
internal sealed record XRayUnreadResponseJson;

// StartTime and EndTime are "timestamp" members of a REST-JSON body: epoch seconds, as botocore sends them.
internal sealed record XRayGetServiceGraphRequestJson(
    [property: JsonPropertyName("StartTime")] long StartTime,
    [property: JsonPropertyName("EndTime")] long EndTime,
    [property: JsonPropertyName("GroupName")] string? GroupName,
    [property: JsonPropertyName("NextToken")] string? NextToken);

internal sealed record XRaySummaryStatisticsJson(
    [property: JsonPropertyName("TotalCount")] long? TotalCount);

internal sealed record XRayServiceJson(
    [property: JsonPropertyName("Name")] string? Name,
    [property: JsonPropertyName("Names")] IReadOnlyList<string>? Names,
    [property: JsonPropertyName("Type")] string? Type,
    [property: JsonPropertyName("SummaryStatistics")] XRaySummaryStatisticsJson? SummaryStatistics);

internal sealed record XRayGetServiceGraphResponseJson(
    [property: JsonPropertyName("Services")] IReadOnlyList<XRayServiceJson>? Services,
    [property: JsonPropertyName("NextToken")] string? NextToken);

/// <summary>
/// Source-generated serializers of the X-Ray shapes (Native AOT), with the options of <see cref="AwsJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(XRayNextTokenRequestJson))]
[JsonSerializable(typeof(XRayGetGroupsResponseJson))]
[JsonSerializable(typeof(XRayGroupResponseJson))]
[JsonSerializable(typeof(XRayCreateGroupRequestJson))]
[JsonSerializable(typeof(XRayUpdateGroupRequestJson))]
[JsonSerializable(typeof(XRayDeleteGroupRequestJson))]
[JsonSerializable(typeof(XRayGetSamplingRulesResponseJson))]
[JsonSerializable(typeof(XRayCreateSamplingRuleRequestJson))]
[JsonSerializable(typeof(XRayUpdateSamplingRuleRequestJson))]
[JsonSerializable(typeof(XRayDeleteSamplingRuleRequestJson))]
[JsonSerializable(typeof(XRayListTagsRequestJson))]
[JsonSerializable(typeof(XRayListTagsResponseJson))]
[JsonSerializable(typeof(XRayGetServiceGraphRequestJson))]
[JsonSerializable(typeof(XRayGetServiceGraphResponseJson))]
[JsonSerializable(typeof(XRayUnreadResponseJson))]
internal sealed partial class XRayJsonContext : JsonSerializerContext;
