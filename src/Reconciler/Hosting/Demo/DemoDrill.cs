using Reconciler.Aws;
using Reconciler.Drill;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reconciliation;

namespace Reconciler.Hosting.Demo;

/// <summary>
/// The demo's last step, `reconciler drill`: someone pointed UploadFile's error-rate alarm at a second topic, encrypted
/// with the AWS managed key; a drill of the two error-rate alarms shows the path to ops-alerts delivered and the
/// encrypted one failed, with CloudWatch's own words and the remedy. Short pacing: the emulator answers at once.
/// </summary>
internal static class DemoDrill
{
    /// <summary>The encrypted topic the demo adds.</summary>
    public const string EncryptedTopicName = "ops-alerts-encrypted";

    private static readonly DrillOptions Pacing = new(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));

    /// <summary>Adds the broken path, drills, and returns the result (already printed).</summary>
    public static async Task<DrillResult> RunAsync(IAwsClients aws, ObservabilityPolicy policy, string alertTopicArn, DemoConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var prefix = PlanningOptions.DefaultAlarmNamePrefix;
        var delivered = AlarmNaming.ForFunction(prefix, policy.Name, "ManageProjects", "error-rate");
        var broken = AlarmNaming.ForFunction(prefix, policy.Name, "UploadFile", "error-rate");
        var encrypted = await EncryptedTopicAsync(aws, alertTopicArn, cancellationToken);
        await AddActionAsync(aws, broken, encrypted, cancellationToken);
        console.Detail($"Someone added the topic {EncryptedTopicName} (encrypted with the AWS managed key alias/aws/sns)");
        console.Detail($"  to the ALARM actions of {broken} by hand. A drill of the two error-rate alarms:");

        var request = new DrillRequest(RunIds.New(time, "drill"), [policy], [delivered, broken], prefix, Execute: true, VerifyDelivery: false);
        var result = await new DrillRun(aws, DemoOptions.Region, time, Pacing, _ => { }).RunAsync(request, cancellationToken);
        console.Verbatim(DrillTextRenderer.Render(result));
        return result;
    }

    private static async Task<string> EncryptedTopicAsync(IAwsClients aws, string alertTopicArn, CancellationToken cancellationToken)
    {
        // tools/moto/seed_demo.py created it next to ops-alerts; reading it proves it is there and encrypted.
        var arn = alertTopicArn[..(alertTopicArn.LastIndexOf(':') + 1)] + EncryptedTopicName;
        var attributes = await aws.Sns.GetTopicAttributesAsync(arn, cancellationToken);
        return attributes.GetValueOrDefault("KmsMasterKeyId") == "alias/aws/sns"
            ? arn
            : throw new DemoFailedException($"The demo did not go as expected: the seeded topic {arn} is not encrypted with alias/aws/sns.");
    }

    private static async Task AddActionAsync(IAwsClients aws, string alarmName, string topicArn, CancellationToken cancellationToken)
    {
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [alarmName]), cancellationToken))
        {
            if (alarm.AlarmName == alarmName)
            {
                PutMetricAlarmRequest edited = alarm with { AlarmActions = [.. alarm.AlarmActions, topicArn], Tags = [] };
                await aws.CloudWatch.PutMetricAlarmAsync(edited, cancellationToken);
                return;
            }
        }

        throw new DemoFailedException($"The demo did not go as expected: the alarm {alarmName} is missing after apply.");
    }
}
