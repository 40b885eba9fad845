namespace Reconciler.Reporting;

/// <summary>Where the report settings say to publish when no policy names a topic.</summary>
/// <param name="CommandLineTopicArn">--report-topic: when given, every report goes there (an explicit override).</param>
/// <param name="EnvironmentTopicArn">REPORT_TOPIC_ARN: for policies without report.topicArn.</param>
internal sealed record ReportTopics(string? CommandLineTopicArn, string? EnvironmentTopicArn);

/// <summary>What publishing the report did, per topic. <see cref="Failed"/> must decide the exit status.</summary>
/// <param name="NotPublished">Policies whose report was not sent, and why (report.when, or no topic configured).</param>
internal sealed record ReportPublishResult(
    IReadOnlyList<TopicPublishResult> Topics,
    IReadOnlyList<PolicyNotPublished> NotPublished)
{
    /// <summary>True when at least one Publish failed.</summary>
    public bool Failed => Topics.Any(t => !t.Succeeded);
}

/// <summary>One Publish to one topic, carrying the reports of <see cref="Policies"/>.</summary>
/// <param name="Policies">The policies in the message; empty when it carries only run-level errors.</param>
/// <param name="OmittedEntries">Entries left out to fit the SNS size limit.</param>
internal sealed record TopicPublishResult(
    string TopicArn,
    IReadOnlyList<string> Policies,
    string Subject,
    int OmittedEntries,
    string? MessageId,
    string? ErrorCode,
    string? Error)
{
    /// <summary>SNS accepted the message.</summary>
    public bool Succeeded => Error is null;

    /// <summary>SNS accepted the message and returned its id.</summary>
    public static TopicPublishResult Published(string topicArn, IReadOnlyList<string> policies, SnsReportMessage message, string messageId) =>
        new(topicArn, policies, message.Subject, message.OmittedEntries, messageId, null, null);

    /// <summary>The message was not published; <paramref name="error"/> says why and what to check.</summary>
    public static TopicPublishResult Failure(string topicArn, IReadOnlyList<string> policies, string subject, string? errorCode, string error) =>
        new(topicArn, policies, subject, 0, null, errorCode, error);
}

/// <summary>A policy whose report was not sent this run.</summary>
internal sealed record PolicyNotPublished(string Policy, string Reason);
