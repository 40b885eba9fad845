using Reconciler.Aws;

namespace Reconciler.Benchmarks;

/// <summary>
/// Puts the converged benchmark account back into its seeded, everything-drifted state (tracing off everywhere, the
/// reconciler's alarms gone), so the published binary meets the same account the first measured run met. The
/// dashboard stays: its body does not change when the same alarms are created again. Setup, not measured.
/// </summary>
internal static class AccountDrifter
{
    public static async Task DriftAsync(Uri endpoint, SeededAccount seeded, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        using var aws = AwsClients.Create(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = endpoint,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            RateLimits = AwsRateLimitOptions.Disabled,
        });
        using var slots = new SemaphoreSlim(options.SeedConcurrency);

        async Task LimitedAsync(Func<Task> write)
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                await write();
            }
            finally
            {
                slots.Release();
            }
        }

        var alarmNames = new List<string>();
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(BenchmarkPolicy.AlarmNamePrefix + "-"), cancellationToken))
        {
            alarmNames.Add(alarm.AlarmName);
        }

        var stages = new List<(string ApiId, string Stage)>();
        await foreach (var api in aws.ApiGateway.GetRestApisAsync(cancellationToken))
        {
            if (api.Name.StartsWith(seeded.App + "-api", StringComparison.Ordinal))
            {
                stages.AddRange((await aws.ApiGateway.GetStagesAsync(api.Id, cancellationToken)).Select(stage => (api.Id, stage.StageName)));
            }
        }

        var work = alarmNames.Chunk(100).Select(names => LimitedAsync(() => aws.CloudWatch.DeleteAlarmsAsync(names, cancellationToken)))
            .Concat(Enumerable.Range(0, seeded.Functions).Select(i => LimitedAsync(() => aws.Lambda.UpdateFunctionConfigurationAsync(
                new UpdateFunctionConfigurationRequest($"{seeded.App}-fn{i:D4}", "PassThrough"), cancellationToken))))
            .Concat(stages.Select(stage => LimitedAsync(() => aws.ApiGateway.UpdateStageAsync(
                new UpdateStageRequest(stage.ApiId, stage.Stage, [new PatchOperation("replace", "/tracingEnabled", "false")]), cancellationToken))))
            .ToList();
        await Task.WhenAll(work);
    }
}
