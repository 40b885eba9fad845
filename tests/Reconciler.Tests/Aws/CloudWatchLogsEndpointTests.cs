using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

/// <summary>Where CloudWatch Logs requests go: its own endpoint variable, else the global one, else logs.REGION.</summary>
public sealed class CloudWatchLogsEndpointTests
{
    [Fact]
    public void FromEnvironment_CloudWatchLogsVariable_PointsOnlyLogsThere()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
            ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = "http://127.0.0.1:5001",
        };

        var options = AwsClientOptions.FromEnvironment(null, null, name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://127.0.0.1:5001"), options.ServiceEndpoints[AwsService.CloudWatchLogs]);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), options.ServiceEndpoints[AwsService.CloudWatch]);
    }

    [Fact]
    public void FromEnvironment_OnlyTheGlobalVariable_CoversLogsToo()
    {
        var environment = new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000" };

        var options = AwsClientOptions.FromEnvironment(null, null, name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://127.0.0.1:5000"), options.ServiceEndpoints[AwsService.CloudWatchLogs]);
    }

    [Fact]
    public void FromEnvironment_CloudWatchLogsVariableNotAUrl_NamesTheVariable()
    {
        var environment = new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = "logs.local" };

        var error = Assert.Throws<AwsConfigurationException>(() => AwsClientOptions.FromEnvironment(null, null, name => environment.GetValueOrDefault(name)));

        Assert.StartsWith("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS is 'logs.local'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1", "https://logs.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://logs.cn-north-1.amazonaws.com.cn/")]
    public void RegionalEndpoint_CloudWatchLogs_IsLogsDotRegion(string region, string expected)
    {
        Assert.Equal(new Uri(expected), AwsServiceCatalog.CloudWatchLogs.RegionalEndpoint(region));
        Assert.Equal("logs", AwsServiceCatalog.CloudWatchLogs.SigningName);
    }
}
