using Reconciler.Aws;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

/// <summary>
/// Lambda's LoggingConfig through the reconciler's client against patched moto (patch H): Lambda's defaults, an update
/// read back by GetFunctionConfiguration and by ListFunctions in both FunctionVersion modes, tracing and logging in one
/// update, a custom log group set at creation, and a published version keeping the config it was published with.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class LambdaLoggingConfigMotoTests(MotoFixture moto)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetFunctionConfiguration_NeverConfigured_ReadsLambdasDefaults()
    {
        var name = "logcfg-default-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var function = await clients.Lambda.GetFunctionConfigurationAsync(name, None);

        Assert.Equal(new LambdaLoggingConfig("Text", null, null, "/aws/lambda/" + name), function.LoggingConfig);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_JsonWithLevels_IsReadBackByGetAndBothListings()
    {
        var name = "logcfg-json-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();
        var wanted = new LambdaLoggingConfig("JSON", "WARN", "DEBUG", "/aws/lambda/" + name);

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, null) { LoggingConfig = new LambdaLoggingConfig("JSON", "WARN", "DEBUG", null) }, None);
        var read = await clients.Lambda.GetFunctionConfigurationAsync(name, None);
        var latest = await SingleAsync(clients.Lambda.ListFunctionsAsync(includePublishedVersions: false, None), name);
        var all = await SingleAsync(clients.Lambda.ListFunctionsAsync(includePublishedVersions: true, None), name);

        Assert.Equal(wanted, updated.LoggingConfig);
        Assert.Equal(wanted, read.LoggingConfig);
        Assert.Equal(wanted, latest.LoggingConfig);
        Assert.Equal(wanted, all.LoggingConfig);
        Assert.Equal("PassThrough", read.TracingMode);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_JsonWithoutLevels_ReadsInfoForBoth()
    {
        var name = "logcfg-info-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, null) { LoggingConfig = new LambdaLoggingConfig("JSON", null, null, null) }, None);

        Assert.Equal(new LambdaLoggingConfig("JSON", "INFO", "INFO", "/aws/lambda/" + name), updated.LoggingConfig);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_TracingAndLoggingInOneCall_AppliesBoth()
    {
        var name = "logcfg-both-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, "Active") { LoggingConfig = new LambdaLoggingConfig("JSON", "ERROR", "WARN", null) }, None);
        var read = await clients.Lambda.GetFunctionConfigurationAsync(name, None);

        Assert.Equal("Active", read.TracingMode);
        Assert.Equal(new LambdaLoggingConfig("JSON", "ERROR", "WARN", "/aws/lambda/" + name), read.LoggingConfig);
        Assert.Equal(1, clients.Counters.Snapshot().Single(c => c.Operation == "UpdateFunctionConfiguration").Calls);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_TracingOnly_LeavesLoggingAsItWas()
    {
        var name = "logcfg-keep-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionWithLoggingAsync(name, new Dictionary<string, string> { ["app"] = name }, "JSON", "/shared/logcfg-" + name);
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), None);

        Assert.Equal(new LambdaLoggingConfig("JSON", "INFO", "INFO", "/shared/logcfg-" + name), updated.LoggingConfig);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_BackToText_DropsTheLevelsAndKeepsTheCustomGroup()
    {
        var name = "logcfg-text-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionWithLoggingAsync(name, new Dictionary<string, string> { ["app"] = name }, "JSON", "/shared/logcfg-" + name);
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, null) { LoggingConfig = new LambdaLoggingConfig("Text", null, null, null) }, None);

        Assert.Equal(new LambdaLoggingConfig("Text", null, null, "/shared/logcfg-" + name), updated.LoggingConfig);
    }

    [Fact]
    public async Task ListFunctions_AllVersions_PublishedVersionKeepsTheConfigItWasPublishedWith()
    {
        var name = "logcfg-version-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        await new AwsCli(moto.Endpoint).RunAsync("lambda", "publish-version", "--function-name", name);
        using var clients = moto.CreateClients();

        await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, null) { LoggingConfig = new LambdaLoggingConfig("JSON", "DEBUG", null, null) }, None);
        var entries = (await LambdaAndTaggingMotoTests.ToListAsync(clients.Lambda.ListFunctionsAsync(includePublishedVersions: true, None)))
            .Where(f => f.FunctionName == name)
            .ToDictionary(f => f.Version ?? "?", f => f.LoggingConfig);

        Assert.Equal(new LambdaLoggingConfig("JSON", "DEBUG", "INFO", "/aws/lambda/" + name), entries["$LATEST"]);
        Assert.Equal(new LambdaLoggingConfig("Text", null, null, "/aws/lambda/" + name), entries["1"]);
    }

    private static async Task<FunctionConfiguration> SingleAsync(IAsyncEnumerable<FunctionConfiguration> functions, string name) =>
        Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(functions), f => f.FunctionName == name && f.Version is null or "$LATEST");
}
