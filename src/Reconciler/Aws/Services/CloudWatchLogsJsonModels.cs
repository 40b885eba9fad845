using System.Text.Json.Serialization;

namespace Reconciler.Aws.Services;

// CloudWatch Logs' wire shapes (JSON 1.1, members in camelCase as in botocore's logs/2014-03-28 model). They stay
// internal: callers see the records of IAwsClients.

internal sealed record LogsDescribeLogGroupsRequestJson(
    [property: JsonPropertyName("logGroupNamePrefix")] string? LogGroupNamePrefix,
    [property: JsonPropertyName("nextToken")] string? NextToken,
    [property: JsonPropertyName("limit")] int Limit);

internal sealed record LogsLogGroupJson(
    [property: JsonPropertyName("logGroupName")] string? LogGroupName,
    [property: JsonPropertyName("arn")] string? Arn,
    [property: JsonPropertyName("retentionInDays")] int? RetentionInDays);

internal sealed record LogsDescribeLogGroupsResponseJson(
    [property: JsonPropertyName("logGroups")] IReadOnlyList<LogsLogGroupJson>? LogGroups,
    [property: JsonPropertyName("nextToken")] string? NextToken);

internal sealed record LogsCreateLogGroupRequestJson(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string>? Tags);

internal sealed record LogsPutRetentionPolicyRequestJson(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("retentionInDays")] int RetentionInDays);

/// <summary>
/// Source-generated serializers of the CloudWatch Logs shapes (Native AOT), with the options of
/// <see cref="AwsJsonContext"/>. A context of their own, because the generator takes one partial declaration only.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogsDescribeLogGroupsRequestJson))]
[JsonSerializable(typeof(LogsDescribeLogGroupsResponseJson))]
[JsonSerializable(typeof(LogsCreateLogGroupRequestJson))]
[JsonSerializable(typeof(LogsPutRetentionPolicyRequestJson))]
internal sealed partial class CloudWatchLogsJsonContext : JsonSerializerContext;
