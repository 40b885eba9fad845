using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

[Collection(MotoTests.Name)]
public sealed class LambdaAndTaggingMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task ListFunctions_MoreThanOnePage_ReturnsEveryFunctionAndFollowsMarkers()
    {
        var suffix = MotoFixture.UniqueSuffix();
        for (var i = 0; i < 120; i++)
        {
            await moto.Seeder.CreateFunctionAsync($"page-{suffix}-{i:D3}", new Dictionary<string, string> { ["app"] = suffix });
        }

        using var clients = moto.CreateClients();
        var names = new List<string>();
        await foreach (var function in clients.Lambda.ListFunctionsAsync(includePublishedVersions: false, CancellationToken.None))
        {
            names.Add(function.FunctionName);
        }

        Assert.Equal(120, names.Count(name => name.StartsWith($"page-{suffix}-", StringComparison.Ordinal)));
        Assert.Equal(names.Count, names.Distinct().Count());
        var calls = clients.Counters.Snapshot().Single(c => c.Operation == "ListFunctions");
        Assert.True(calls.Calls >= 3, $"expected at least 3 pages of 50, got {calls.Calls}");
        Assert.False(calls.IsWrite);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_TracingActive_IsReadBackByGetAndList()
    {
        var name = "trace-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var before = await clients.Lambda.GetFunctionConfigurationAsync(name, CancellationToken.None);
        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);
        var after = await clients.Lambda.GetFunctionConfigurationAsync(name, CancellationToken.None);
        var listed = await FirstAsync(clients.Lambda.ListFunctionsAsync(includePublishedVersions: false, CancellationToken.None), f => f.FunctionName == name);

        Assert.Equal("PassThrough", before.TracingMode);
        Assert.Equal("Active", updated.TracingMode);
        Assert.Equal("Active", after.TracingMode);
        Assert.Equal("Active", listed.TracingMode);
        Assert.EndsWith(":function:" + name, after.FunctionArn, StringComparison.Ordinal);
        Assert.True(clients.Counters.Snapshot().Single(c => c.Operation == "UpdateFunctionConfiguration").IsWrite);
    }

    [Fact]
    public async Task GetFunctionConfiguration_UnknownFunction_ThrowsTerminalResourceNotFound()
    {
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.Lambda.GetFunctionConfigurationAsync("missing-" + MotoFixture.UniqueSuffix(), CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("lambda", error.Service);
        Assert.Equal("GetFunctionConfiguration", error.Operation);
        Assert.Equal(1, clients.Counters.Snapshot().Single().Attempts);
    }

    [Fact]
    public async Task GetResources_TagAndTypeFilters_ReturnFunctionsApisAndStagesWithTags()
    {
        var app = "tag-" + MotoFixture.UniqueSuffix();
        var tags = new Dictionary<string, string> { ["app"] = app, ["env"] = "prod" };
        var functionArn = await moto.Seeder.CreateFunctionAsync(app + "-fn", tags);
        await moto.Seeder.CreateFunctionAsync(app + "-other", new Dictionary<string, string> { ["app"] = app, ["env"] = "test" });
        var apiId = await moto.Seeder.CreateRestApiAsync(app + "-api", tags, ["prod", "dev"]);
        using var clients = moto.CreateClients();

        var all = await ToListAsync(clients.Tagging.GetResourcesAsync(
            new GetResourcesRequest([new TagFilter("app", [app]), new TagFilter("env", ["prod", "dev"])], []), CancellationToken.None));
        var stagesOnly = await ToListAsync(clients.Tagging.GetResourcesAsync(
            new GetResourcesRequest([new TagFilter("app", [app])], ["apigateway:restapis/stages"]), CancellationToken.None));
        var functionsOnly = await ToListAsync(clients.Tagging.GetResourcesAsync(
            new GetResourcesRequest([new TagFilter("app", [])], ["lambda:function"], ResourcesPerPage: 1), CancellationToken.None));

        var apiArn = $"arn:aws:apigateway:{MotoFixture.Region}::/restapis/{apiId}";
        Assert.Equal(
            new[] { apiArn, apiArn + "/stages/dev", apiArn + "/stages/prod", functionArn }.Order(StringComparer.Ordinal),
            all.Select(r => r.ResourceArn).Order(StringComparer.Ordinal));
        Assert.Equal("prod", all.Single(r => r.ResourceArn == functionArn).Tags["env"]);
        Assert.Equal("dev", all.Single(r => r.ResourceArn.EndsWith("/stages/dev", StringComparison.Ordinal)).Tags["stage"]);
        Assert.Equal(new[] { apiArn + "/stages/dev", apiArn + "/stages/prod" }, stagesOnly.Select(r => r.ResourceArn).Order(StringComparer.Ordinal));
        Assert.Contains(functionsOnly, r => r.ResourceArn == functionArn);
        Assert.All(functionsOnly, r => Assert.Contains(":lambda:", r.ResourceArn, StringComparison.Ordinal));
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task<T> FirstAsync<T>(IAsyncEnumerable<T> source, Func<T, bool> predicate)
    {
        await foreach (var item in source)
        {
            if (predicate(item))
            {
                return item;
            }
        }

        throw new InvalidOperationException("No matching item.");
    }
}
