using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Testing.Faults;

namespace Reconciler.IntegrationTests.Aws;

[Collection(MotoTests.Name)]
public sealed class FaultInjectionMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task PutMetricAlarm_ThrottledThen503ThenDropped_SucceedsWithOneWrite()
    {
        var name = "retry-" + MotoFixture.UniqueSuffix();
        var log = new FaultLog();
        using var clients = Scripted(log, (call, attempt) => (call.Operation.Name, attempt) switch
        {
            ("PutMetricAlarm", 1 or 2) => FaultKind.Throttle,
            ("PutMetricAlarm", 3) => FaultKind.ServiceUnavailable,
            ("PutMetricAlarm", 4) => FaultKind.DropBeforeSend,
            _ => FaultKind.None,
        });

        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.ErrorRateAlarm(name), CancellationToken.None);

        var alarms = await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: name), CancellationToken.None));
        Assert.Single(alarms);
        var put = clients.Counters.Snapshot().Single(c => c.Operation == "PutMetricAlarm");
        Assert.Equal(new ApiCallCount("monitoring", "PutMetricAlarm", true, Calls: 1, Attempts: 5, Retries: 4, Throttles: 2, Failures: 0), put);
        Assert.Equal(4, log.Entries.Count(e => e.Kind != FaultKind.None));
        Assert.Equal(2, log.Entries.Count(e => e.SentToServer));
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_429Twice_SucceedsAndCountsThrottles()
    {
        var name = "retry-fn-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = Scripted(new FaultLog(), (_, attempt) => attempt <= 2 ? FaultKind.Throttle : FaultKind.None);

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);

        Assert.Equal("Active", updated.TracingMode);
        var counts = clients.Counters.Snapshot().Single();
        Assert.Equal((1L, 3L, 2L, 2L), (counts.Calls, counts.Attempts, counts.Retries, counts.Throttles));
    }

    [Fact]
    public async Task PutMetricAlarm_ThrottledBeyondBudget_FailsWithThrottlingAfterMaxAttempts()
    {
        var log = new FaultLog();
        using var clients = Scripted(log, (_, _) => FaultKind.Throttle, retry => retry with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm("never-" + MotoFixture.UniqueSuffix()), CancellationToken.None));

        Assert.Equal(("Throttling", AwsErrorKind.Throttling, log.Entries[^1].RequestId), (error.ErrorCode, error.Kind, error.RequestId));
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
            WrapTransport = inner => new FaultInjectingHandler(
                new FaultInjectionOptions
                {
                    Seed = 1,
                    Script = (_, attempt) =>
                    {
                        if (attempt == 1)
                        {
                            cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
                        }

                        return FaultKind.ServiceUnavailable;
                    },
                },
                null,
                new FaultLog())
            { InnerHandler = inner },
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in clients.Tagging.GetResourcesAsync(new GetResourcesRequest([], []), cancellation.Token))
            {
            }
        });

        Assert.InRange(clients.Counters.Snapshot().Single().Attempts, 1, 10);
    }

    /// <summary>Clients whose every attempt goes through a scripted fault layer, so moto sees each write once it finally goes through.</summary>
    private IAwsClients Scripted(FaultLog log, Func<AwsCall, long, FaultKind> script, Func<AwsRetryOptions, AwsRetryOptions>? retry = null) =>
        moto.CreateClients(options => options with
        {
            Retry = retry is null ? options.Retry : retry(options.Retry),
            WrapTransport = inner => new FaultInjectingHandler(new FaultInjectionOptions { Seed = 1, Script = script }, null, log) { InnerHandler = inner },
        });
}
