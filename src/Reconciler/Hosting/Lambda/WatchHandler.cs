using System.Text;
using System.Text.Json;
using Reconciler.Telemetry;
using Reconciler.Watch;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// The answer to change events in watch mode (docs/watch.md): an SQS batch from the watch queue, or one event an
/// EventBridge rule sent directly. The watch run and its report (sent to SNS only for what was corrected, found
/// drifted or failed) are the handler's, as for a scheduled run; this logs each event and builds the response. A batch
/// always answers with a partial batch response, so one message's failure sends back only that message (and, after
/// the queue's last try, to its dead-letter queue); a direct event fails the invocation when it could not be read or
/// reconciled, so Lambda's own retries and on-failure destination apply.
/// </summary>
internal static class WatchHandler
{
    /// <summary>Logs what became of each event of <paramref name="delivery"/> and answers it.</summary>
    /// <param name="counts">The run's counts for its metrics; null when no event led to a reconcile.</param>
    public static InvocationResult Respond(WatchResult result, ChangeDelivery delivery, RunCounts? counts, RunLogger log)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(delivery);
        LogItems(result, log);
        if (delivery.FromQueue)
        {
            // Always a success: an invocation error would send every message of the batch back, the reconciled ones
            // too. The messages to retry are named instead; failed changes are in the report and the metrics.
            return InvocationResult.Success(BatchResponse(result.FailedItems), counts);
        }

        var json = WatchResultJson.Render(result, indented: false);
        return result.FailedItems.Count > 0 ? InvocationResult.Failure(json, counts) : InvocationResult.Success(json, counts);
    }

    /// <summary>
    /// The partial batch response Lambda's SQS event source mapping reads (ReportBatchItemFailures):
    /// <c>{"batchItemFailures": [{"itemIdentifier": "&lt;messageId&gt;"}]}</c>, and nothing else; an empty list
    /// deletes the whole batch from the queue.
    /// </summary>
    internal static string BatchResponse(IReadOnlyList<string> failedMessageIds)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("batchItemFailures");
            foreach (var messageId in failedMessageIds.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("itemIdentifier", messageId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void LogItems(WatchResult result, RunLogger log)
    {
        foreach (var item in result.Items)
        {
            var change = item.Event;
            var eventName = change?.EventName ?? "(unreadable)";
            var author = change?.Author.Arn ?? "(unknown)";
            switch (item.Status)
            {
                case WatchItemStatus.Failed:
                case WatchItemStatus.Unreadable:
                    log.Warning("Event {ItemId} ({EventName} by {Author}) goes back to the queue: {Detail}", item.ItemId, eventName, author, item.Detail);
                    break;
                default:
                    log.Information("Event {ItemId} ({EventName} by {Author}) {Status}: {Detail}", item.ItemId, eventName, author, WatchResultJson.StatusWord(item.Status), item.Detail);
                    break;
            }
        }

        log.Information(
            "Watch batch done: {Reconciled} reconciled, {Failed} to retry, {Ignored} ignored, {Unreadable} unreadable",
            result.Items.Count(item => item.Status == WatchItemStatus.Reconciled),
            result.Items.Count(item => item.Status == WatchItemStatus.Failed),
            result.Items.Count(item => item.Status == WatchItemStatus.Ignored),
            result.Items.Count(item => item.Status == WatchItemStatus.Unreadable));
    }
}
