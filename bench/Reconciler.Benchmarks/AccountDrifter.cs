using Reconciler.Aws;
using Reconciler.Testing.Moto;

namespace Reconciler.Benchmarks;

/// <summary>
/// Puts the converged benchmark account back into its seeded, everything-drifted state (tracing off everywhere, the
/// reconciler's alarms gone, every function's LoggingConfig back to format Text, the seeded log groups back to no
/// retention and the groups the reconciler created deleted), so the published binary meets the same account the
/// first measured run met. The dashboard stays: its body does not change when the same alarms are created again.
/// The reconciler's Logs client has neither DeleteRetentionPolicy nor DeleteLogGroup (it never removes retention or
/// groups), so those two go through <see cref="MotoSeeder"/>. Setup, not measured.
/// </summary>
internal static class AccountDrifter
{
    public static async Task DriftAsync(Uri endpoint, MotoSeeder seeder, SeededAccount seeded, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        using var aws = AwsClients.Create(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = endpoint,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            RateLimits = AwsRateLimitOptions.Disabled,
        });
        using var bounded = new BoundedConcurrency(options.SeedConcurrency, cancellationToken);

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

        var seededGroups = Enumerable.Range(0, seeded.Functions).Where(AccountSeeder.HasLogGroup)
            .Select(i => AccountSeeder.LogGroupName(seeded.App, i)).ToHashSet(StringComparer.Ordinal);
        var logGroupWork = new List<Func<Task>>();
        await foreach (var group in aws.Logs.DescribeLogGroupsAsync(AccountSeeder.LogGroupPrefix(seeded.App), cancellationToken))
        {
            if (!seededGroups.Remove(group.LogGroupName))
            {
                logGroupWork.Add(() => seeder.DeleteLogGroupAsync(group.LogGroupName, cancellationToken));
            }
            else if (group.RetentionInDays is not null)
            {
                logGroupWork.Add(() => seeder.DeleteRetentionPolicyAsync(group.LogGroupName, cancellationToken));
            }
        }

        // A seeded group the listing did not return (none, unless something deleted it) is seeded again.
        logGroupWork.AddRange(seededGroups.Select(name => (Func<Task>)(() => seeder.CreateLogGroupAsync(name, cancellationToken))));

        var work = alarmNames.Chunk(100).Select(names => bounded.RunAsync(() => aws.CloudWatch.DeleteAlarmsAsync(names, cancellationToken)))
            .Concat(Enumerable.Range(0, seeded.Functions).Select(i => bounded.RunAsync(() => aws.Lambda.UpdateFunctionConfigurationAsync(
                new UpdateFunctionConfigurationRequest(AccountSeeder.FunctionName(seeded.App, i), "PassThrough")
                {
                    LoggingConfig = new LambdaLoggingConfig("Text", ApplicationLogLevel: null, SystemLogLevel: null, LogGroup: null),
                },
                cancellationToken))))
            .Concat(stages.Select(stage => bounded.RunAsync(() => aws.ApiGateway.UpdateStageAsync(
                new UpdateStageRequest(stage.ApiId, stage.Stage, [new PatchOperation("replace", "/tracingEnabled", "false")]), cancellationToken))))
            .Concat(logGroupWork.Select(bounded.RunAsync))
            .ToList();
        await Task.WhenAll(work);
    }
}
