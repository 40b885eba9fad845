using System.Text.Json;
using Reconciler.Aws;

namespace Reconciler.Drill;

/// <summary>
/// Reads CloudWatch's Action history items into a verdict per action ARN; pure. CloudWatch words a delivered action
/// "Successfully executed action &lt;arn&gt;" and a failed one "Failed to execute action &lt;arn&gt;. Received error:
/// "…"" (HistoryData: actionState Succeeded or Failed, notificationResource, error). The first item of an ARN, oldest
/// first, is the drill's transition; later ones (the alarm's own evaluations) do not change it.
/// </summary>
internal static class ActionHistory
{
    /// <summary>The summary CloudWatch writes for a delivered action.</summary>
    public const string SucceededPrefix = "Successfully executed action ";

    /// <summary>The summary CloudWatch writes for a failed action.</summary>
    public const string FailedPrefix = "Failed to execute action ";

    /// <summary>The verdicts found, by ARN, for the ARNs in <paramref name="actionArns"/> only.</summary>
    public static IReadOnlyDictionary<string, (ActionOutcome Outcome, string Detail)> Judge(IEnumerable<AlarmHistoryItem> items, IReadOnlyCollection<string> actionArns)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(actionArns);
        var wanted = actionArns.ToHashSet(StringComparer.Ordinal);
        var verdicts = new Dictionary<string, (ActionOutcome, string)>(StringComparer.Ordinal);
        foreach (var item in items.Where(item => item.HistoryItemType == "Action").OrderBy(item => item.Timestamp ?? DateTimeOffset.MinValue))
        {
            if (Read(item) is { } read && wanted.Contains(read.Arn) && !verdicts.ContainsKey(read.Arn))
            {
                verdicts[read.Arn] = (read.Outcome, read.Detail);
            }
        }

        return verdicts;
    }

    private static (string Arn, ActionOutcome Outcome, string Detail)? Read(AlarmHistoryItem item)
    {
        var summary = item.HistorySummary;
        if (FromData(item.HistoryData) is { } data)
        {
            return data.Succeeded ? (data.Arn, ActionOutcome.Delivered, summary) : (data.Arn, ActionOutcome.Failed, data.Error ?? ErrorOf(summary));
        }

        if (summary.StartsWith(SucceededPrefix, StringComparison.Ordinal))
        {
            return (summary[SucceededPrefix.Length..].Trim(), ActionOutcome.Delivered, summary);
        }

        if (summary.StartsWith(FailedPrefix, StringComparison.Ordinal))
        {
            var rest = summary[FailedPrefix.Length..];
            var arn = rest[..FindArnEnd(rest)].Trim();
            return (arn, ActionOutcome.Failed, ErrorOf(summary));
        }

        return null;
    }

    // ARNs hold no spaces; the summary's sentence goes on with ". Received error: …" right after the ARN.
    private static int FindArnEnd(string rest)
    {
        var received = rest.IndexOf(". Received error", StringComparison.Ordinal);
        if (received >= 0)
        {
            return received;
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? rest.Length : space;
    }

    private static string ErrorOf(string summary)
    {
        const string Marker = "Received error: ";
        var at = summary.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? summary : summary[(at + Marker.Length)..].Trim().Trim('"');
    }

    private static (string Arn, bool Succeeded, string? Error)? FromData(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("actionState", out var state) || state.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("notificationResource", out var resource) || resource.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var error = root.TryGetProperty("error", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            return (resource.GetString()!, state.GetString() == "Succeeded", error);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
