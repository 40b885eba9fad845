using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Verification;

/// <summary>One SNS topic and who relies on it: the reconciler's alarms that notify it, and reports published to it.</summary>
/// <param name="TopicArn">The topic.</param>
/// <param name="Alarms">The owned alarms with it among their actions once the plan is applied, sorted.</param>
/// <param name="Policies">The policies of those alarms and of the reports sent to it, sorted.</param>
/// <param name="ReceivesReports">True when some policy's report.topicArn names it.</param>
internal sealed record NotifiedTopic(string TopicArn, IReadOnlyList<string> Alarms, IReadOnlyList<string> Policies, bool ReceivesReports);

/// <summary>
/// Which SNS topics the reconciler's work depends on. Pure. The alarms counted are the ones this deployment owns as
/// they stand once the plan is applied: observed owned alarms, with planned puts replacing them and planned deletes
/// removing them, plus the alarms the plan creates. So `plan` warns about a broken path before `apply` writes it.
/// Topics in another Region or partition are left out: the plan already reports each such action as a conflict and
/// never writes it, and SNS answers only for topics of its own Region.
/// </summary>
internal static class NotificationTargets
{
    /// <summary>The topics to check, sorted by ARN.</summary>
    /// <param name="reportTopics">The host's report topics; null when it publishes none, then only policies' own count.</param>
    public static IReadOnlyList<NotifiedTopic> Of(
        IReadOnlyList<ObservabilityPolicy> policies, Observation observation, Plan plan, string owner, string region, ReportTopics? reportTopics = null)
    {
        var alarms = AlarmsAfterPlan.Of(observation, plan, owner);
        var topics = new Dictionary<string, (SortedSet<string> Alarms, SortedSet<string> Policies, bool Reports)>(StringComparer.Ordinal);
        foreach (var (name, (policy, alarm)) in alarms)
        {
            foreach (var action in alarm.AlarmActions.Concat(alarm.OkActions).Concat(alarm.InsufficientDataActions))
            {
                if (IsTopicInRegion(action, region))
                {
                    var entry = Entry(topics, action);
                    entry.Alarms.Add(name);
                    entry.Policies.Add(policy);
                }
            }
        }

        foreach (var policy in policies)
        {
            // The same rule the publisher follows: --report-topic, else the policy's topic, else REPORT_TOPIC_ARN.
            var reportTopic = reportTopics is null ? policy.Report.TopicArn : ReportPublisher.Topic(policy.Report, reportTopics);
            if (reportTopic is not null && IsTopicInRegion(reportTopic, region))
            {
                Entry(topics, reportTopic).Policies.Add(policy.Name);
                topics[reportTopic] = topics[reportTopic] with { Reports = true };
            }
        }

        return [.. topics
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new NotifiedTopic(pair.Key, [.. pair.Value.Alarms], [.. pair.Value.Policies], pair.Value.Reports))];
    }

    private static (SortedSet<string> Alarms, SortedSet<string> Policies, bool Reports) Entry(
        Dictionary<string, (SortedSet<string> Alarms, SortedSet<string> Policies, bool Reports)> topics, string arn)
    {
        if (!topics.TryGetValue(arn, out var entry))
        {
            entry = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), false);
            topics[arn] = entry;
        }

        return entry;
    }

    // An SNS topic a run in this Region can reach, by the rule alarm actions follow (RegionFidelity.Elsewhere).
    private static bool IsTopicInRegion(string arn, string region) =>
        arn.Split(':') is ["arn", _, "sns", _, _, _] && RegionFidelity.Elsewhere(arn, region) is null;
}
