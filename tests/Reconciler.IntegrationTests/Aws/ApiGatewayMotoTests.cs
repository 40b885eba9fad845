using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

[Collection(MotoTests.Name)]
public sealed class ApiGatewayMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task UpdateStage_TracingEnabled_IsReadBackByGetStages()
    {
        var app = "apigw-" + MotoFixture.UniqueSuffix();
        var apiId = await moto.Seeder.CreateRestApiAsync(app, new Dictionary<string, string> { ["app"] = app }, ["prod", "dev"]);
        using var clients = moto.CreateClients();

        var apis = await LambdaAndTaggingMotoTests.ToListAsync(clients.ApiGateway.GetRestApisAsync(CancellationToken.None));
        var before = await clients.ApiGateway.GetStagesAsync(apiId, CancellationToken.None);
        var updated = await clients.ApiGateway.UpdateStageAsync(
            new UpdateStageRequest(apiId, "prod", [new PatchOperation("replace", "/tracingEnabled", "true")]), CancellationToken.None);
        var after = await clients.ApiGateway.GetStagesAsync(apiId, CancellationToken.None);

        var api = Assert.Single(apis, a => a.Id == apiId);
        Assert.Equal(app, api.Name);
        Assert.Equal(app, api.Tags["app"]);
        Assert.Equal(new[] { "dev", "prod" }, before.Select(s => s.StageName));
        Assert.All(before, s => Assert.False(s.TracingEnabled));
        Assert.True(updated.TracingEnabled);
        Assert.True(after.Single(s => s.StageName == "prod").TracingEnabled);
        Assert.False(after.Single(s => s.StageName == "dev").TracingEnabled);
        Assert.Equal("prod", after.Single(s => s.StageName == "prod").Tags["stage"]);
    }

    [Fact]
    public async Task GetStages_UnknownApi_ThrowsTerminalNotFound()
    {
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.ApiGateway.GetStagesAsync("nope" + MotoFixture.UniqueSuffix()[..4], CancellationToken.None));

        Assert.Equal("NotFoundException", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.Equal(404, error.StatusCode);
    }
}
