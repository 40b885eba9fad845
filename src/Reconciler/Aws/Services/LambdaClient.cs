using System.Runtime.CompilerServices;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>Lambda control plane over REST-JSON (API version 2015-03-31).</summary>
internal sealed class LambdaClient(AwsTransport transport) : ILambdaClient
{
    private static readonly AwsOperation ListFunctions = new(AwsServiceCatalog.Lambda, "ListFunctions", AwsOperationGroups.LambdaControlPlane, false);
    private static readonly AwsOperation GetFunctionConfiguration = new(AwsServiceCatalog.Lambda, "GetFunctionConfiguration", AwsOperationGroups.LambdaControlPlane, false);
    private static readonly AwsOperation UpdateFunctionConfiguration = new(AwsServiceCatalog.Lambda, "UpdateFunctionConfiguration", AwsOperationGroups.LambdaControlPlane, true);
    private static readonly AwsOperation ListAliases = new(AwsServiceCatalog.Lambda, "ListAliases", AwsOperationGroups.LambdaControlPlane, false);

    public async IAsyncEnumerable<FunctionConfiguration> ListFunctionsAsync(bool includePublishedVersions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // In botocore's order of the query members: FunctionVersion, Marker, MaxItems.
        var versions = includePublishedVersions ? "FunctionVersion=ALL&" : string.Empty;
        string? marker = null;
        do
        {
            var query = "?" + versions + PageParameters(marker);
            // The path of the current model (no trailing slash), as botocore and the AWS CLI send it; Lambda also
            // accepts the older "/functions/" form.
            var response = await transport.SendAsync(
                ListFunctions,
                baseUrl => new HttpRequestMessage(HttpMethod.Get, baseUrl + "/2015-03-31/functions" + query),
                cancellationToken);
            var page = JsonContent.Parse(response.Body, AwsJsonContext.Default.LambdaListFunctionsResponseJson, "lambda", ListFunctions.Name);
            foreach (var function in page.Functions ?? [])
            {
                yield return ToModel(function);
            }

            marker = string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker;
        }
        while (marker is not null);
    }

    public async Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        var response = await transport.SendAsync(
            GetFunctionConfiguration,
            baseUrl => new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/configuration"),
            cancellationToken);
        return ToModel(JsonContent.Parse(response.Body, AwsJsonContext.Default.LambdaFunctionConfigurationJson, "lambda", GetFunctionConfiguration.Name));
    }

    public async Task<FunctionConfiguration> UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = UpdateBody(request);
        var response = await transport.SendAsync(
            UpdateFunctionConfiguration,
            baseUrl => new HttpRequestMessage(HttpMethod.Put, $"{baseUrl}/2015-03-31/functions/{Uri.EscapeDataString(request.FunctionName)}/configuration")
            {
                Content = JsonContent.Create(body, AwsJsonContext.Default.LambdaUpdateFunctionConfigurationRequestJson, "application/json"),
            },
            cancellationToken);
        return ToModel(JsonContent.Parse(response.Body, AwsJsonContext.Default.LambdaFunctionConfigurationJson, "lambda", UpdateFunctionConfiguration.Name));
    }

    public async IAsyncEnumerable<AliasConfiguration> ListAliasesAsync(string functionName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        string? marker = null;
        do
        {
            var response = await transport.SendAsync(
                ListAliases,
                baseUrl => new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/aliases?{PageParameters(marker)}"),
                cancellationToken);
            var page = JsonContent.Parse(response.Body, AwsJsonContext.Default.LambdaListAliasesResponseJson, "lambda", ListAliases.Name);
            foreach (var alias in page.Aliases ?? [])
            {
                // Name and FunctionVersion are always present in Lambda's answers; an alias without them routes nowhere.
                if (alias.Name is { } name && alias.FunctionVersion is { } version)
                {
                    yield return new AliasConfiguration(
                        alias.AliasArn ?? string.Empty,
                        name,
                        version,
                        alias.RoutingConfig?.AdditionalVersionWeights ?? new Dictionary<string, double>());
                }
            }

            marker = string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker;
        }
        while (marker is not null);
    }

    // Only what the caller set goes on the wire: Lambda leaves every member it is not sent as it is.
    private static LambdaUpdateFunctionConfigurationRequestJson UpdateBody(UpdateFunctionConfigurationRequest request)
    {
        var logging = request.LoggingConfig is { } config
            && (config.LogFormat ?? config.ApplicationLogLevel ?? config.SystemLogLevel ?? config.LogGroup) is not null
            ? new LambdaLoggingConfigJson(config.LogFormat, config.ApplicationLogLevel, config.SystemLogLevel, config.LogGroup)
            : null;
        if (request.TracingMode is null && logging is null)
        {
            throw new ArgumentException(
                $"UpdateFunctionConfiguration of {request.FunctionName} would change nothing: set TracingMode, LoggingConfig or both.",
                nameof(request));
        }

        return new LambdaUpdateFunctionConfigurationRequestJson(
            request.TracingMode is null ? null : new LambdaTracingConfigJson(request.TracingMode),
            request.RevisionId,
            logging);
    }

    private static string PageParameters(string? marker) =>
        marker is null ? "MaxItems=50" : "Marker=" + Uri.EscapeDataString(marker) + "&MaxItems=50";

    // Lambda omits TracingConfig on some answers; absent means PassThrough, its default. LoggingConfig is passed on as
    // answered (null when absent), so the caller sees what Lambda said rather than an assumed default.
    private static FunctionConfiguration ToModel(LambdaFunctionConfigurationJson json) => new(
        json.FunctionName,
        json.FunctionArn,
        json.TracingConfig?.Mode ?? "PassThrough",
        json.RevisionId,
        json.State,
        json.LastUpdateStatus,
        json.Version,
        json.LoggingConfig is { } logging
            ? new LambdaLoggingConfig(logging.LogFormat, logging.ApplicationLogLevel, logging.SystemLogLevel, logging.LogGroup)
            : null,
        json.LastModified);
}
