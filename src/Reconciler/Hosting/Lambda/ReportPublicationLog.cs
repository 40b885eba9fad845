using Reconciler.Reporting;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>Logs where a run's report went: one line per topic, an error for each topic that refused it, and why a policy's report was not sent.</summary>
internal static class ReportPublicationLog
{
    /// <summary>Writes <paramref name="publication"/>'s outcome per topic to <paramref name="log"/>.</summary>
    public static void Write(ReportPublishResult publication, RunLogger log)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var topic in publication.Topics)
        {
            if (topic.Succeeded)
            {
                log.Information("Published the report to {TopicArn} as message {MessageId}", topic.TopicArn, topic.MessageId);
            }
            else
            {
                log.Error(null, "Could not publish the report to {TopicArn}: {ErrorCode}: {Reason}", topic.TopicArn, topic.ErrorCode, topic.Error);
            }
        }

        foreach (var skipped in publication.NotPublished)
        {
            log.Information("Did not publish the report of policy {Policy}: {Reason}", skipped.Policy, skipped.Reason);
        }
    }
}
