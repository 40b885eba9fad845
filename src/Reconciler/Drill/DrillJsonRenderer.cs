using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Drill;

/// <summary>
/// A drill as versioned JSON (docs/drill-v1.schema.json, described in docs/drill.md), written field by field with
/// <see cref="Utf8JsonWriter"/> (no reflection: Native AOT). Additive changes keep "drill/v1".
/// </summary>
internal static class DrillJsonRenderer
{
    /// <summary>The schemaVersion field.</summary>
    public const string SchemaVersion = "drill/v1";

    /// <summary>The document.</summary>
    public static string Render(DrillResult result, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WriteString("runId", result.RunId);
            json.WriteString("region", result.Region);
            json.WriteString("startedAt", result.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("endedAt", result.EndedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteBoolean("executed", result.Executed);
            json.WriteBoolean("interrupted", result.Interrupted);
            json.WriteBoolean("allDelivered", result.AllDelivered);
            json.WriteStartObject("summary");
            json.WriteNumber("alarms", result.Alarms.Count);
            json.WriteNumber("actions", result.Actions.Count());
            json.WriteNumber("delivered", result.Count(ActionOutcome.Delivered));
            json.WriteNumber("failed", result.Count(ActionOutcome.Failed));
            json.WriteNumber("unknown", result.Count(ActionOutcome.Unknown));
            json.WriteNumber("skipped", result.Skipped.Count);
            json.WriteEndObject();
            json.WriteStartArray("alarms");
            foreach (var alarm in result.Alarms)
            {
                WriteAlarm(json, alarm);
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var skipped in result.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("name", skipped.AlarmName);
                json.WriteString("reason", skipped.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "unmatchedGlobs", result.UnmatchedGlobs);
            json.WriteStartArray("warnings");
            foreach (var warning in result.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("check", warning.Check);
                json.WriteString("code", warning.Code);
                json.WriteString("subject", warning.Subject);
                WriteStrings(json, "policies", warning.Policies);
                WriteStrings(json, "resources", warning.Resources);
                json.WriteNumber("resourceCount", warning.ResourceCount);
                json.WriteString("cause", warning.Cause);
                json.WriteString("remedy", warning.Remedy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Delivery is { } delivery)
            {
                json.WriteStartObject("deliveryCheck");
                json.WriteString("queueUrl", delivery.QueueUrl);
                WriteStrings(json, "subscriptions", delivery.Subscriptions);
                json.WriteBoolean("cleanedUp", delivery.CleanedUp);
                WriteStrings(json, "problems", delivery.Problems);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("deliveryCheck");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteAlarm(Utf8JsonWriter json, DrilledAlarm alarm)
    {
        json.WriteStartObject();
        json.WriteString("name", alarm.AlarmName);
        json.WriteString("policy", alarm.PolicyName);
        json.WriteString("previousState", alarm.PreviousState);
        json.WriteString("restoredState", alarm.RestoredState);
        json.WriteString("error", alarm.Error);
        json.WriteStartArray("actions");
        foreach (var action in alarm.Actions)
        {
            json.WriteStartObject();
            json.WriteString("arn", action.ActionArn);
            if (action.Outcome is { } outcome)
            {
                json.WriteString("outcome", outcome switch
                {
                    ActionOutcome.Delivered => "delivered",
                    ActionOutcome.Failed => "failed",
                    _ => "unknown",
                });
                json.WriteString("detail", action.Detail);
            }

            if (action.Remedy is { } remedy)
            {
                json.WriteString("remedy", remedy);
            }

            if (action.MessageReceived is { } received)
            {
                json.WriteBoolean("messageReceived", received);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
