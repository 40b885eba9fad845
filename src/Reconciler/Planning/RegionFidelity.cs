using System.Text.Json;
using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Where real AWS is stricter than a single-Region test: alarm actions and report topics must be in the run's Region
/// (and partition), and dashboards, global to the account, must not be rendered by two Regions in turn.
/// </summary>
internal static class RegionFidelity
{
    /// <summary>
    /// The partition and Region an ARN names ("arn:partition:service:region:account:resource"); false for text that
    /// is not an ARN. <paramref name="region"/> is empty for ARNs of global resources.
    /// </summary>
    public static bool TryParseArn(string arn, out string partition, out string region)
    {
        partition = string.Empty;
        region = string.Empty;
        var parts = arn.Split(':', 5);
        if (parts.Length < 5 || !string.Equals(parts[0], "arn", StringComparison.Ordinal) || parts[1].Length == 0)
        {
            return false;
        }

        partition = parts[1];
        region = parts[3];
        return true;
    }

    /// <summary>
    /// Why <paramref name="arn"/> cannot be used from a run in <paramref name="runRegion"/> ("in Region eu-west-1",
    /// "in partition aws-cn"), or null when it can (or when the ARN names no Region to compare).
    /// </summary>
    public static string? Elsewhere(string arn, string runRegion)
    {
        if (string.IsNullOrEmpty(runRegion) || !TryParseArn(arn, out var partition, out var region))
        {
            return null;
        }

        var runPartition = Arns.Partition(runRegion);
        if (!string.Equals(partition, runPartition, StringComparison.Ordinal))
        {
            return $"in partition {partition}{(region.Length == 0 ? string.Empty : $" (Region {region})")}, not {runPartition}";
        }

        return region.Length > 0 && !string.Equals(region, runRegion, StringComparison.Ordinal) ? $"in Region {region}" : null;
    }

    /// <summary>
    /// The actions of <paramref name="alarm"/> that CloudWatch in <paramref name="runRegion"/> refuses, each with
    /// where it is, sorted by ARN.
    /// </summary>
    internal static IReadOnlyList<(string Arn, string Where)> ActionsElsewhere(AlarmDefinition alarm, string runRegion) =>
        [.. alarm.AlarmActions.Concat(alarm.OkActions).Concat(alarm.InsufficientDataActions)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(arn => (Arn: arn, Where: Elsewhere(arn, runRegion)))
            .Where(a => a.Where is not null)
            .Select(a => (a.Arn, a.Where!))];

    /// <summary>
    /// A notice for every policy whose spec.report.topicArn is in another Region or partition: SNS Publish reaches
    /// only topics of the caller's Region, so that report cannot be sent (the publisher skips it, see
    /// Reporting.ReportPublisher). Said in the plan so it is read before anything is written.
    /// </summary>
    internal static void ReportTopicNotices(
        IEnumerable<ObservabilityPolicy> policies, PlanningOptions options, ICollection<PlanNotice> notices)
    {
        foreach (var policy in policies)
        {
            if (policy.Report.TopicArn is { Length: > 0 } topic && Elsewhere(topic, options.Region) is { } where)
            {
                notices.Add(new PlanNotice(policy.Name, $"Policy {policy.Name} ({policy.Source.File}) sends its report to {topic}, which is {where}; this run is in {options.Region} and SNS publishes only to topics in the caller's Region, so the report is not published (unless --report-topic overrides it). Set spec.report.topicArn to a topic in {options.Region}."));
            }
        }
    }

    /// <summary>
    /// The Regions a dashboard body graphs: the "region" of its metric widgets and the Region in the alarm ARNs of its
    /// alarm widgets. Empty when the body records none (it graphs nothing) or is not JSON.
    /// </summary>
    internal static IReadOnlySet<string> RenderedRegions(string? body)
    {
        var regions = new SortedSet<string>(StringComparer.Ordinal);
        DashboardRendering.VisitWidgets(body, (_, properties) =>
        {
            if (properties.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.String
                && region.GetString() is { Length: > 0 } named)
            {
                regions.Add(named);
            }

            if (properties.TryGetProperty("alarms", out var alarms) && alarms.ValueKind == JsonValueKind.Array)
            {
                foreach (var alarm in alarms.EnumerateArray())
                {
                    if (alarm.ValueKind == JsonValueKind.String && TryParseArn(alarm.GetString()!, out _, out var alarmRegion) && alarmRegion.Length > 0)
                    {
                        regions.Add(alarmRegion);
                    }
                }
            }

            return false;
        });
        return regions;
    }
}
