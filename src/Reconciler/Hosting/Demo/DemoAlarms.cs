using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Hosting.Demo;

/// <summary>The two alarms the story needs, as they were created.</summary>
/// <param name="HandEdited">An alarm the reconciler owns whose threshold someone changed in the console.</param>
/// <param name="DesiredThreshold">What the policy says the hand-edited alarm's threshold is.</param>
/// <param name="Foreign">An alarm a team made by hand: a name like the reconciler's, but no ownership marker.</param>
internal sealed record DemoAlarmsCreated(PutMetricAlarmRequest HandEdited, double DesiredThreshold, PutMetricAlarmRequest Foreign);

/// <summary>
/// Creates the hand-edited and the foreign alarm with the reconciler's own CloudWatch client. The hand-edited one is
/// the alarm the planner renders for ManageProjects' first Lambda rule (so it carries the exact name, description
/// and ownership marker the reconciler writes) with its threshold doubled, as if someone had raised it in the console.
/// </summary>
internal static class DemoAlarms
{
    /// <summary>The function both alarms watch.</summary>
    public const string FunctionName = "ManageProjects";

    /// <summary>Creates both alarms in the seeded account.</summary>
    public static async Task<DemoAlarmsCreated> CreateAsync(IAwsClients aws, ObservabilityPolicy policy, string alertTopicArn, CancellationToken cancellationToken)
    {
        if (policy.Alarms.Lambda.Count == 0)
        {
            throw new DemoFailedException($"Policy {policy.Name} ({policy.Source}) has no Lambda alarm rule, so there is no alarm to edit by hand for the demo.");
        }

        var rule = policy.Alarms.Lambda[0];
        var name = AlarmNaming.ForFunction(PlanningOptions.DefaultAlarmNamePrefix, policy.Name, FunctionName, rule.Name);

        var collected = await new ObservationCollector(new AwsAccountReader(aws), DemoOptions.Region, PlanningOptions.DefaultAlarmNamePrefix).CollectAsync([policy], cancellationToken);
        var plan = Planner.CreatePlan([policy], collected.Observation, new PlanningOptions(PlanningOptions.DefaultAlarmNamePrefix, DemoOptions.Region, DemoOptions.AccountId));
        var desired = plan.Changes.Select(change => change.Payload).OfType<PutAlarm>().Select(put => put.Alarm).FirstOrDefault(alarm => alarm.AlarmName == name)
            ?? throw new DemoFailedException($"The planner rendered no alarm named {name}; was {FunctionName} seeded with the tags policy {policy.Name} selects?");

        var desiredThreshold = desired.Threshold ?? rule.Threshold;
        var handEdited = AlarmMapping.ToRequest(desired) with { Threshold = desiredThreshold * 2 };
        await aws.CloudWatch.PutMetricAlarmAsync(handEdited, cancellationToken);

        var foreign = new PutMetricAlarmRequest
        {
            AlarmName = name + "-legacy",
            AlarmDescription = "Pages the projects team on any ManageProjects error. Made by hand before the reconciler existed.",
            AlarmActions = [alertTopicArn],
            Namespace = "AWS/Lambda",
            MetricName = "Errors",
            Statistic = "Sum",
            Dimensions = [new Dimension("FunctionName", FunctionName)],
            Period = 60,
            EvaluationPeriods = 1,
            Threshold = 1,
            ComparisonOperator = "GreaterThanOrEqualToThreshold",
            TreatMissingData = "notBreaching",
        };
        await aws.CloudWatch.PutMetricAlarmAsync(foreign, cancellationToken);
        return new DemoAlarmsCreated(handEdited, desiredThreshold, foreign);
    }

    /// <summary>The foreign alarm as CloudWatch has it now; null if it is gone.</summary>
    public static async Task<MetricAlarm?> DescribeAsync(IAwsClients aws, string alarmName, CancellationToken cancellationToken)
    {
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [alarmName]), cancellationToken))
        {
            if (alarm.AlarmName == alarmName)
            {
                return alarm;
            }
        }

        return null;
    }
}
