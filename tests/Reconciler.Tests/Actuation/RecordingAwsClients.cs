using System.Collections.Concurrent;
using Reconciler.Aws;

namespace Reconciler.Tests.Actuation;

/// <summary>
/// A hand-written stand-in for the AWS clients that records every write and fails the ones a test names.
/// Only the applier's guards are tested with it; the wire behaviour is tested against moto.
/// </summary>
internal sealed class RecordingAwsClients : IAwsClients, ILambdaClient, IApiGatewayClient, ICloudWatchClient
{
    public ConcurrentQueue<string> Writes { get; } = new();

    /// <summary>Targets whose write fails with this AWS error code.</summary>
    public Dictionary<string, string> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Called before every write; tests use it to move a fake clock.</summary>
    public Action<string>? OnWrite { get; set; }

    public ITaggingClient Tagging => throw new NotSupportedException();

    public ILambdaClient Lambda => this;

    public IApiGatewayClient ApiGateway => this;

    public ICloudWatchClient CloudWatch => this;

    public ISnsClient Sns => throw new NotSupportedException();

    public IStsClient Sts => throw new NotSupportedException();

    public IApiCallCounters Counters => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private Task Record(string operation, string target)
    {
        OnWrite?.Invoke(target);
        if (Failures.TryGetValue(target, out var code))
        {
            throw new AwsServiceException("test", operation, code, $"{target} refused", 400, "req-1", AwsErrorKind.Terminal);
        }

        Writes.Enqueue($"{operation} {target}");
        return Task.CompletedTask;
    }

    public async Task<FunctionConfiguration> UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken)
    {
        await Record("UpdateFunctionConfiguration", request.FunctionName);
        return new FunctionConfiguration(request.FunctionName, $"arn:aws:lambda:us-east-1:123456789012:function:{request.FunctionName}", request.TracingMode, null, null, null);
    }

    public async Task<Stage> UpdateStageAsync(UpdateStageRequest request, CancellationToken cancellationToken)
    {
        await Record("UpdateStage", $"{request.RestApiId}/{request.StageName}");
        return new Stage(request.StageName, true, null, new Dictionary<string, string>());
    }

    public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken) => Record("PutMetricAlarm", request.AlarmName);

    public Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken) => Record("DeleteAlarms", string.Join(",", alarmNames));

    public async Task<IReadOnlyList<DashboardValidationMessage>> PutDashboardAsync(string dashboardName, string dashboardBody, CancellationToken cancellationToken)
    {
        await Record("PutDashboard", dashboardName);
        return [];
    }

    public Task TagResourceAsync(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) => Record("TagResource", resourceArn);

    public Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<FunctionConfiguration> ListFunctionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<AliasConfiguration> ListAliasesAsync(string functionName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<FunctionConfiguration> ListVersionsByFunctionAsync(string functionName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GetDashboardResponse?> GetDashboardAsync(string dashboardName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<DashboardEntry> ListDashboardsAsync(string? dashboardNamePrefix, CancellationToken cancellationToken) => throw new NotSupportedException();
}
