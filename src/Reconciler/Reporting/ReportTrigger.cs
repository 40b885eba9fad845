using System.Text.Json.Serialization;

namespace Reconciler.Reporting;

/// <summary>
/// The change events that started a watch run (docs/watch.md), so whoever reads the report sees who changed what and
/// when. Only the events that led to work or could not be read: those ignored (the reconciler's own writes, failed
/// calls, other Regions) are in the log. Revision 3 of report-v1.
/// </summary>
internal sealed record ReportTrigger(IReadOnlyList<ReportTriggerEvent> Events);

/// <summary>One delivered event and what became of it.</summary>
/// <param name="ItemId">The SQS message id, the EventBridge event id of a direct event, or "file:line" for the CLI.</param>
/// <param name="Policies">The policies it concerned; empty when it could not be read.</param>
/// <param name="EventId">The EventBridge event id; null when the event could not be read.</param>
/// <param name="CloudTrailEventId">CloudTrail's eventID of the call.</param>
/// <param name="UserIdentityArn">Who made the call: CloudTrail's userIdentity.arn.</param>
/// <param name="EventTime">When the call was made: CloudTrail's eventTime.</param>
internal sealed record ReportTriggerEvent(
    string ItemId,
    ReportTriggerStatus Status,
    string Detail,
    IReadOnlyList<string> Policies,
    string? EventId,
    string? CloudTrailEventId,
    string? EventName,
    string? EventSource,
    string? UserIdentityArn,
    DateTimeOffset? EventTime);

/// <summary>What became of a triggering event.</summary>
internal enum ReportTriggerStatus
{
    /// <summary>What it touched was observed and reconciled (in sync, or corrected).</summary>
    [JsonStringEnumMemberName("reconciled")]
    Reconciled,

    /// <summary>Something it concerns failed or is pending: it goes back to the queue for another try.</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>It could not be read; after the queue's last try it moves to the dead-letter queue.</summary>
    [JsonStringEnumMemberName("unreadable")]
    Unreadable,
}
