using System.Runtime.CompilerServices;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>API Gateway REST API control plane over REST-JSON.</summary>
internal sealed class ApiGatewayClient(AwsTransport transport) : IApiGatewayClient
{
    private static readonly AwsOperation GetRestApis = new(AwsServiceCatalog.ApiGateway, "GetRestApis", AwsOperationGroups.ApiGatewayControlPlane, false);
    private static readonly AwsOperation GetStages = new(AwsServiceCatalog.ApiGateway, "GetStages", AwsOperationGroups.ApiGatewayControlPlane, false);
    private static readonly AwsOperation UpdateStage = new(AwsServiceCatalog.ApiGateway, "UpdateStage", AwsOperationGroups.ApiGatewayControlPlane, true);

    public async IAsyncEnumerable<RestApi> GetRestApisAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? position = null;
        do
        {
            // 500 is the largest page API Gateway allows; fewer pages means fewer calls against a 10/s quota.
            var query = position is null ? "?limit=500" : "?limit=500&position=" + Uri.EscapeDataString(position);
            var response = await transport.SendAsync(
                GetRestApis,
                baseUrl => JsonAccept(new HttpRequestMessage(HttpMethod.Get, baseUrl + "/restapis" + query)),
                cancellationToken);
            var page = JsonContent.Parse(response.Body, AwsJsonContext.Default.ApiGatewayRestApisJson, "apigateway", GetRestApis.Name);
            foreach (var api in page.Items ?? [])
            {
                yield return new RestApi(api.Id, api.Name ?? string.Empty, api.Tags ?? []);
            }

            position = string.IsNullOrEmpty(page.Position) ? null : page.Position;
        }
        while (position is not null);
    }

    public async Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(restApiId);
        var response = await transport.SendAsync(
            GetStages,
            baseUrl => JsonAccept(new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/restapis/{Uri.EscapeDataString(restApiId)}/stages")),
            cancellationToken);
        var stages = JsonContent.Parse(response.Body, AwsJsonContext.Default.ApiGatewayStagesJson, "apigateway", GetStages.Name);
        return [.. (stages.Items ?? []).Select(ToModel).OrderBy(stage => stage.StageName, StringComparer.Ordinal)];
    }

    public async Task<Stage> UpdateStageAsync(UpdateStageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ApiGatewayUpdateStageRequestJson(
            [.. request.PatchOperations.Select(op => new ApiGatewayPatchOperationJson(op.Op, op.Path, op.Value))]);
        var response = await transport.SendAsync(
            UpdateStage,
            baseUrl => JsonAccept(new HttpRequestMessage(HttpMethod.Patch, $"{baseUrl}/restapis/{Uri.EscapeDataString(request.RestApiId)}/stages/{Uri.EscapeDataString(request.StageName)}")
            {
                Content = JsonContent.Create(body, AwsJsonContext.Default.ApiGatewayUpdateStageRequestJson, "application/json"),
            }),
            cancellationToken);
        return ToModel(JsonContent.Parse(response.Body, AwsJsonContext.Default.ApiGatewayStageJson, "apigateway", UpdateStage.Name));
    }

    private static Stage ToModel(ApiGatewayStageJson json) =>
        new(json.StageName, json.TracingEnabled ?? false, json.DeploymentId, json.Tags ?? [])
        {
            // REST-JSON timestamps are epoch seconds.
            LastUpdatedDate = json.LastUpdatedDate is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null,
        };

    // Without it API Gateway may answer in HAL (application/hal+json) with _embedded items.
    private static HttpRequestMessage JsonAccept(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }
}
