using System.Text.Json.Serialization;

namespace Reconciler.Aws.Services;

// Wire shapes of the JSON services, named as on the wire. They stay internal: callers see the records of IAwsClients.

internal sealed record TaggingTagFilterJson(string Key, IReadOnlyList<string>? Values);

internal sealed record TaggingGetResourcesRequestJson(
    IReadOnlyList<TaggingTagFilterJson>? TagFilters,
    IReadOnlyList<string>? ResourceTypeFilters,
    int? ResourcesPerPage,
    string? PaginationToken)
{
    /// <summary>ResourceARNList: never sent with the filters or a pagination member (AWS refuses the mix).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("ResourceARNList")]
    public IReadOnlyList<string>? ResourceArnList { get; init; }
}

internal sealed record TaggingTagJson(string Key, string Value);

internal sealed record TaggingResourceJson(
    [property: JsonPropertyName("ResourceARN")] string ResourceArn,
    IReadOnlyList<TaggingTagJson>? Tags);

internal sealed record TaggingGetResourcesResponseJson(string? PaginationToken, IReadOnlyList<TaggingResourceJson>? ResourceTagMappingList);

internal sealed record LambdaTracingConfigJson(string? Mode);

internal sealed record LambdaLoggingConfigJson(string? LogFormat, string? ApplicationLogLevel, string? SystemLogLevel, string? LogGroup);

internal sealed record LambdaFunctionConfigurationJson(
    string FunctionName,
    string FunctionArn,
    LambdaTracingConfigJson? TracingConfig,
    string? RevisionId,
    string? State,
    string? LastUpdateStatus,
    string? Version = null,
    LambdaLoggingConfigJson? LoggingConfig = null,
    string? LastModified = null);

internal sealed record LambdaListFunctionsResponseJson(string? NextMarker, IReadOnlyList<LambdaFunctionConfigurationJson>? Functions);

internal sealed record LambdaUpdateFunctionConfigurationRequestJson(
    LambdaTracingConfigJson? TracingConfig,
    string? RevisionId,
    LambdaLoggingConfigJson? LoggingConfig = null);

internal sealed record LambdaAliasRoutingConfigurationJson(Dictionary<string, double>? AdditionalVersionWeights);

internal sealed record LambdaAliasConfigurationJson(
    string? AliasArn,
    string? Name,
    string? FunctionVersion,
    LambdaAliasRoutingConfigurationJson? RoutingConfig);

internal sealed record LambdaListAliasesResponseJson(string? NextMarker, IReadOnlyList<LambdaAliasConfigurationJson>? Aliases);

internal sealed record ApiGatewayRestApiJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags);

internal sealed record ApiGatewayRestApisJson(
    [property: JsonPropertyName("position")] string? Position,
    [property: JsonPropertyName("item")] IReadOnlyList<ApiGatewayRestApiJson>? Items);

internal sealed record ApiGatewayStageJson(
    [property: JsonPropertyName("stageName")] string StageName,
    [property: JsonPropertyName("tracingEnabled")] bool? TracingEnabled,
    [property: JsonPropertyName("deploymentId")] string? DeploymentId,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags,
    [property: JsonPropertyName("lastUpdatedDate")] double? LastUpdatedDate = null);

internal sealed record ApiGatewayStagesJson([property: JsonPropertyName("item")] IReadOnlyList<ApiGatewayStageJson>? Items);

internal sealed record ApiGatewayPatchOperationJson(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("value")] string? Value);

internal sealed record ApiGatewayUpdateStageRequestJson(
    [property: JsonPropertyName("patchOperations")] IReadOnlyList<ApiGatewayPatchOperationJson> PatchOperations);

/// <summary>Source-generated serializers, so the wire layer needs no reflection (Native AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaggingGetResourcesRequestJson))]
[JsonSerializable(typeof(TaggingGetResourcesResponseJson))]
[JsonSerializable(typeof(LambdaFunctionConfigurationJson))]
[JsonSerializable(typeof(LambdaListFunctionsResponseJson))]
[JsonSerializable(typeof(LambdaUpdateFunctionConfigurationRequestJson))]
[JsonSerializable(typeof(LambdaListAliasesResponseJson))]
[JsonSerializable(typeof(ApiGatewayRestApisJson))]
[JsonSerializable(typeof(ApiGatewayStageJson))]
[JsonSerializable(typeof(ApiGatewayStagesJson))]
[JsonSerializable(typeof(ApiGatewayUpdateStageRequestJson))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
