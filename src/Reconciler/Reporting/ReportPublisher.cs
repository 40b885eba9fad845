using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Reporting;

/// <summary>
/// Publishes a run's report to SNS: decides per policy whether to report (report.when) and where (topic), sends one
/// message per topic holding only that topic's policies, and returns every outcome. A failed Publish is returned,
/// never swallowed: the caller logs it and fails the exit status.
/// </summary>
internal sealed class ReportPublisher(ISnsPublisher sns)
{
    /// <summary>Publishes the report; returns one result per topic and the policies not reported.</summary>
    /// <param name="policies">The loaded policies: their report settings decide when and where.</param>
    public async Task<ReportPublishResult> PublishAsync(
        RunReport report,
        IReadOnlyList<ObservabilityPolicy> policies,
        ReportTopics topics,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(topics);

        var settings = policies.GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Report, StringComparer.Ordinal);
        var runErrors = report.Errors.Any(e => e.Policy is null);
        var byTopic = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var notPublished = new List<PolicyNotPublished>();

        foreach (var policy in report.Policies)
        {
            var spec = settings.GetValueOrDefault(policy.Name) ?? new ReportSpec(null, ReportWhen.OnChange);
            var hasErrors = runErrors || report.Errors.Any(e => e.Policy == policy.Name);
            if (!ReportTriggers.ShouldPublish(spec.When, policy.Entries.Select(e => e.Status), hasErrors, watchRun: report.Trigger is not null))
            {
                notPublished.Add(new PolicyNotPublished(policy.Name, report.Trigger is null
                    ? $"report.when is {PolicyVocabulary.WhenName(spec.When)} and this run found nothing to report"
                    : "a watch run reports only what it corrected, found drifted or failed to do, and there was none of that for this policy"));
                continue;
            }

            var topic = Topic(spec, topics);
            if (topic is null)
            {
                notPublished.Add(new PolicyNotPublished(policy.Name,
                    "no report topic: set report.topicArn in the policy, REPORT_TOPIC_ARN, or --report-topic"));
                continue;
            }

            if (OtherRegion(topic, report.Region) is { } elsewhere)
            {
                notPublished.Add(new PolicyNotPublished(policy.Name, elsewhere));
                continue;
            }

            if (!byTopic.TryGetValue(topic, out var names))
            {
                byTopic.Add(topic, names = []);
            }

            names.Add(policy.Name);
        }

        // Errors that belong to no policy (say, STS failed) must reach someone even if no policy's report is due.
        var fallback = topics.CommandLineTopicArn ?? topics.EnvironmentTopicArn;
        if (runErrors && byTopic.Count == 0 && fallback is not null && OtherRegion(fallback, report.Region) is null)
        {
            byTopic.Add(fallback, []);
        }

        var results = new List<TopicPublishResult>();
        foreach (var (topic, names) in byTopic)
        {
            results.Add(await PublishOneAsync(topic, ForPolicies(report, names), names, cancellationToken));
        }

        return new ReportPublishResult(results, notPublished);
    }

    /// <summary>--report-topic overrides everything; then the policy's topic; then REPORT_TOPIC_ARN.</summary>
    internal static string? Topic(ReportSpec spec, ReportTopics topics) =>
        NonEmpty(topics.CommandLineTopicArn) ?? NonEmpty(spec.TopicArn) ?? NonEmpty(topics.EnvironmentTopicArn);

    /// <summary>The part of the report that concerns these policies (plus run-level errors and API counts).</summary>
    internal static RunReport ForPolicies(RunReport report, IReadOnlyCollection<string> names)
    {
        var set = names.ToHashSet(StringComparer.Ordinal);
        var policies = report.Policies.Where(p => set.Contains(p.Name)).ToList();
        var conflicts = report.Conflicts.Where(c => c.Policies.Any(set.Contains)).ToList();
        var errors = report.Errors.Where(e => e.Policy is null || set.Contains(e.Policy)).ToList();
        return report with
        {
            Summary = ReportSummaries.Compute(policies, conflicts.Count, errors.Count),
            Policies = policies,
            Conflicts = conflicts,
            Notices = [.. report.Notices.Where(n => set.Contains(n.Policy))],
            Warnings = [.. report.Warnings.Where(w => w.Policies.Any(set.Contains))],
            Errors = errors,
            Pending = [.. report.Pending.Where(p => set.Contains(p.Policy))],
            Trigger = report.Trigger is { } trigger
                ? new ReportTrigger([.. trigger.Events.Where(e => e.Policies.Count == 0 || e.Policies.Any(set.Contains))])
                : null,
        };
    }

    private async Task<TopicPublishResult> PublishOneAsync(string topic, RunReport report, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var subject = ReportSubject.For(report);
        try
        {
            var message = SnsReportMessage.Build(report);
            var messageId = await sns.PublishAsync(
                new PublishRequest(topic, message.Message, message.Subject, MessageStructure: "json"),
                cancellationToken);
            return TopicPublishResult.Published(topic, names, message, messageId);
        }
        catch (AwsServiceException ex)
        {
            return TopicPublishResult.Failure(topic, names, subject, ex.ErrorCode,
                $"SNS Publish to {topic} failed: {ex.ErrorCode}: {ex.ErrorMessage}. Check that the topic exists in this " +
                "account and region and that the reconciler's role may sns:Publish to it.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or InvalidOperationException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return TopicPublishResult.Failure(topic, names, subject, ex.GetType().Name,
                $"SNS Publish to {topic} failed: {ex.Message}");
        }
    }

    // SNS Publish reaches only topics in the caller's Region; a publish to another would fail with an error that
    // hides the cause, so it is not attempted and the reason is reported instead (the plan already said so).
    private static string? OtherRegion(string topic, string runRegion) =>
        RegionFidelity.Elsewhere(topic, runRegion) is { } where
            ? $"report topic {topic} is {where}, but this run is in {runRegion} and SNS publishes only to topics in the caller's Region; use a topic in {runRegion} (report.topicArn, --report-topic or REPORT_TOPIC_ARN)"
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
