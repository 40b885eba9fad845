using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

[Collection(MotoTests.Name)]
public sealed class FaultInjectionMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task PutMetricAlarm_ThrottledThen503ThenDropped_SucceedsWithOneWrite()
    {
        var name = "retry-" + MotoFixture.UniqueSuffix();
        FaultInjectingHandler? injector = null;
        using var clients = moto.CreateClients(options => options with
        {
            WrapTransport = inner => injector = new FaultInjectingHandler(inner, (attempt, _) => attempt switch
            {
                1 or 2 => Fault.QueryThrottling,
                3 => new Fault.ServerError(),
                4 => new Fault.DropConnection(),
                _ => null,
            }),
        });

        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.ErrorRateAlarm(name), CancellationToken.None);

        var alarms = await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: name), CancellationToken.None));
        Assert.Single(alarms);
        var put = clients.Counters.Snapshot().Single(c => c.Operation == "PutMetricAlarm");
        Assert.Equal(new ApiCallCount("monitoring", "PutMetricAlarm", true, Calls: 1, Attempts: 5, Retries: 4, Throttles: 2, Failures: 0), put);
        Assert.Equal(4, injector!.Injected);
        Assert.Equal(2, injector.Forwarded);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_429Twice_SucceedsAndCountsThrottles()
    {
        var name = "retry-fn-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients(options => options with
        {
            WrapTransport = inner => new FaultInjectingHandler(inner, (attempt, _) => attempt <= 2 ? Fault.JsonThrottling : null),
        });

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);

        Assert.Equal("Active", updated.TracingMode);
        var counts = clients.Counters.Snapshot().Single();
        Assert.Equal((1L, 3L, 2L, 2L), (counts.Calls, counts.Attempts, counts.Retries, counts.Throttles));
    }

    [Fact]
    public async Task PutMetricAlarm_ThrottledBeyondBudget_FailsWithThrottlingAfterMaxAttempts()
    {
        using var clients = moto.CreateClients(options => options with
        {
            Retry = options.Retry with { MaxAttempts = 3 },
            WrapTransport = inner => new FaultInjectingHandler(inner, (_, _) => Fault.QueryThrottling),
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm("never-" + MotoFixture.UniqueSuffix()), CancellationToken.None));

        Assert.Equal(("Throttling", AwsErrorKind.Throttling, "injected"), (error.ErrorCode, error.Kind, error.RequestId));
        var counts = clients.Counters.Snapshot().Single();
        Assert.Equal((3L, 2L, 3L, 1L), (counts.Attempts, counts.Retries, counts.Throttles, counts.Failures));
    }

    [Fact]
    public async Task GetResources_CancelledDuringBackoff_StopsWithoutRetryingForever()
    {
        // The countdown starts at the first attempt, so a slow start on a busy machine cannot cancel before it.
        using var cancellation = new CancellationTokenSource();
        using var clients = moto.CreateClients(options => options with
        {
            Retry = new AwsRetryOptions(MaxAttempts: 100, BaseDelay: TimeSpan.FromMilliseconds(100), MaxDelay: TimeSpan.FromMilliseconds(100), MaxTransientAttempts: 100),
            NextJitter = () => 1.0,
            WrapTransport = inner => new FaultInjectingHandler(inner, (attempt, _) =>
            {
                if (attempt == 1)
                {
                    cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
                }

                return new Fault.ServerError();
            }),
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in clients.Tagging.GetResourcesAsync(new GetResourcesRequest([], []), cancellation.Token))
            {
            }
        });

        Assert.InRange(clients.Counters.Snapshot().Single().Attempts, 1, 10);
    }
}
