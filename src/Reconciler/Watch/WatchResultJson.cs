using System.Text;
using System.Text.Json;
using Reconciler.Reporting;

namespace Reconciler.Watch;

/// <summary>A watch batch as JSON, for `reconciler watch --output json` and a direct event's Lambda response.</summary>
internal static class WatchResultJson
{
    /// <summary>The status as the text and JSON outputs spell it.</summary>
    public static string StatusWord(WatchItemStatus status) => status switch
    {
        WatchItemStatus.Reconciled => "reconciled",
        WatchItemStatus.Failed => "retry",
        WatchItemStatus.Ignored => "ignored",
        _ => "unreadable",
    };

    /// <summary>{"items": [{itemId, status, detail, event: {id, cloudTrailEventId, eventName, eventSource, userIdentityArn, eventTime}}], "report": report-v1 or null}.</summary>
    public static string Render(WatchResult result, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var item in result.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("itemId", item.ItemId);
                writer.WriteString("status", StatusWord(item.Status));
                writer.WriteString("detail", item.Detail);
                if (item.Event is { } change)
                {
                    writer.WriteStartObject("event");
                    writer.WriteString("id", change.Id);
                    writer.WriteString("cloudTrailEventId", change.CloudTrailEventId);
                    writer.WriteString("eventName", change.EventName);
                    writer.WriteString("eventSource", change.Watched.EventSource);
                    writer.WriteString("userIdentityArn", change.Author.Arn);
                    if (change.EventTime is { } at)
                    {
                        writer.WriteString("eventTime", at);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("report");
            if (result.Reconcile is { } reconcile)
            {
                writer.WriteRawValue(ReportJsonRenderer.Render(reconcile.Report, indented));
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
