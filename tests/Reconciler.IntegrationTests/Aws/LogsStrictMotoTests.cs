using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

/// <summary>
/// The launcher's strict rules for logs: S7 (Lambda log levels only with the JSON format) and S8 (PutRetentionPolicy
/// only with the retention periods CloudWatch Logs offers). <see cref="LogsLeniencyMotoTests"/> shows the default
/// launcher accepting the same requests.
/// </summary>
[Collection(StrictMotoGroup.Name)]
public sealed class LogsStrictMotoTests(StrictMotoFixture moto)
{
    private const string LevelsWithTextRefusal =
        "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from your request or change the LogFormat to \"Json\" and try again.";

    private static readonly int[] AllowedRetentions = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(730)]
    [InlineData(3654)]
    public async Task PutRetentionPolicy_ValueCloudWatchLogsDoesNotOffer_Refused400InvalidParameterAndRetentionKept(int days)
    {
        var name = $"/aws/lambda/strict-retention-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);
        await clients.Logs.PutRetentionPolicyAsync(name, 14, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.PutRetentionPolicyAsync(name, days, CancellationToken.None));

        Assert.Equal(("InvalidParameterException", 400, AwsErrorKind.Terminal), (error.ErrorCode, error.StatusCode, error.Kind));
        Assert.Equal($"Invalid retention value. Valid values are: [{string.Join(", ", AllowedRetentions)}]", error.ErrorMessage);
        var group = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));
        Assert.Equal(14, group.RetentionInDays);
    }

    [Fact]
    public async Task PutRetentionPolicy_EveryValueCloudWatchLogsOffers_IsAccepted()
    {
        var name = $"/aws/lambda/strict-retention-ok-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);

        foreach (var days in AllowedRetentions)
        {
            await clients.Logs.PutRetentionPolicyAsync(name, days, CancellationToken.None);
        }

        Assert.Equal(3653, Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None))).RetentionInDays);
    }

    [Theory]
    [InlineData("Text", "DEBUG", null)]
    [InlineData(null, null, "WARN")]
    public async Task UpdateFunctionConfiguration_LevelWhileTheFormatIsText_Refused400InvalidParameterValueAndNothingChanges(string? format, string? application, string? system)
    {
        var name = "strict-levels-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, "Active") { LoggingConfig = new LambdaLoggingConfig(format, application, system, null) }, CancellationToken.None));

        Assert.Equal(("InvalidParameterValueException", 400, LevelsWithTextRefusal), (error.ErrorCode, error.StatusCode, error.ErrorMessage));
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        var read = await clients.Lambda.GetFunctionConfigurationAsync(name, CancellationToken.None);
        Assert.Equal(("PassThrough", "Successful"), (read.TracingMode, read.LastUpdateStatus));
        Assert.Equal(new LambdaLoggingConfig("Text", null, null, "/aws/lambda/" + name), read.LoggingConfig);
        // The refusal did not make the function busy (S2's window starts only with an accepted update).
        var next = await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, null) { LoggingConfig = new LambdaLoggingConfig("JSON", application, system, null) }, CancellationToken.None);
        Assert.Equal("JSON", next.LoggingConfig?.LogFormat);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_TracingAndJsonLevelsInOneCall_IsAccepted()
    {
        var name = "strict-both-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, "Active") { LoggingConfig = new LambdaLoggingConfig("JSON", "ERROR", "WARN", null) }, CancellationToken.None);

        Assert.Equal("Active", updated.TracingMode);
        Assert.Equal(new LambdaLoggingConfig("JSON", "ERROR", "WARN", "/aws/lambda/" + name), updated.LoggingConfig);
        Assert.Equal("InProgress", updated.LastUpdateStatus);
    }
}

/// <summary>
/// The default (lenient) launcher accepts what <see cref="LogsStrictMotoTests"/> shows strict mode refusing. These
/// fail, as they should, when the run sets MOTO_STRICT=1.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class LogsLeniencyMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task PutRetentionPolicy_TwoDays_IsAccepted()
    {
        var name = $"/aws/lambda/lenient-retention-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);

        await clients.Logs.PutRetentionPolicyAsync(name, 2, CancellationToken.None);

        Assert.Equal(2, Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None))).RetentionInDays);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_LevelWithTextFormat_IsAcceptedAndTheLevelIsDropped()
    {
        var name = "lenient-levels-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, null) { LoggingConfig = new LambdaLoggingConfig("Text", "DEBUG", null, null) }, CancellationToken.None);

        Assert.Equal(new LambdaLoggingConfig("Text", null, null, "/aws/lambda/" + name), updated.LoggingConfig);
    }
}
