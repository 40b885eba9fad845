using Reconciler.Reconciliation;
using Reconciler.Reporting;

namespace Reconciler.Watch;

/// <summary>
/// Puts a watch batch's events into its run's report: the trigger (who changed what, and when) and one run error per
/// event that could not be read, so a poison event is named in the report of every batch it was in.
/// </summary>
internal static class WatchReport
{
    /// <summary>The step name of an unreadable event's run error.</summary>
    public const string EventStep = "watch event";

    /// <summary><paramref name="result"/> with the batch's events in its report; null stays null.</summary>
    public static ReconcileResult? Attach(ReconcileResult? result, IReadOnlyList<WatchItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (result is null)
        {
            return null;
        }

        var unreadable = items
            .Where(item => item.Status == WatchItemStatus.Unreadable)
            .Select(item => new RunError(
                null,
                EventStep,
                $"message {item.ItemId} could not be read: {item.Detail}. It goes back to the queue and, after the queue's last try, to its dead-letter queue."))
            .ToList();
        var errors = result.Errors.Concat(unreadable).ToList();
        var report = result.Report;
        var reportErrors = RunReportBuilder.ReportErrors(errors);
        var trigger = new ReportTrigger([.. items.Where(item => item.Status != WatchItemStatus.Ignored).Select(Event)]);
        return result with
        {
            Errors = errors,
            Report = report with
            {
                Errors = reportErrors,
                Summary = ReportSummaries.Compute(report.Policies, report.Conflicts.Count, reportErrors.Count),
                Trigger = trigger,
            },
        };
    }

    private static ReportTriggerEvent Event(WatchItem item) => new(
        item.ItemId,
        item.Status switch
        {
            WatchItemStatus.Reconciled => ReportTriggerStatus.Reconciled,
            WatchItemStatus.Failed => ReportTriggerStatus.Retry,
            _ => ReportTriggerStatus.Unreadable,
        },
        item.Detail,
        item.Policies ?? [],
        item.Event?.Id,
        item.Event?.CloudTrailEventId,
        item.Event?.EventName,
        item.Event?.Watched.EventSource,
        item.Event?.Author.Arn,
        item.Event?.EventTime);
}
