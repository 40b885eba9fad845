using System.Globalization;
using System.Text;
using Reconciler.Reporting;

namespace Reconciler.Drill;

/// <summary>A drill (or its preview) for people: one line per alarm and action, then what was skipped and warned about.</summary>
internal static class DrillTextRenderer
{
    /// <summary>The text.</summary>
    public static string Render(DrillResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var actions = result.Actions.Count();
        if (!result.Executed)
        {
            text.AppendLine(Invariant($"Drill preview in {result.Region}: {Count(result.Alarms.Count, "alarm")} and {Count(actions, "action")} would be drilled. Nothing was changed."));
            if (result.Alarms.Count > 0)
            {
                text.AppendLine("A drill sets each alarm to ALARM, which notifies whoever its topics notify; run again with --yes to drill.");
            }
        }
        else
        {
            text.AppendLine(Invariant($"Drill {result.RunId} in {result.Region}: {Count(result.Alarms.Count, "alarm")}, {Count(actions, "action")}."));
        }

        foreach (var alarm in result.Alarms)
        {
            text.AppendLine(Invariant($"  {alarm.AlarmName}  (policy {alarm.PolicyName}, was {alarm.PreviousState})"));
            foreach (var action in alarm.Actions)
            {
                if (action.Outcome is not { } outcome)
                {
                    text.AppendLine($"    would notify  {action.ActionArn}");
                    continue;
                }

                text.AppendLine($"    {Word(outcome),-9}  {action.ActionArn}  {action.Detail}");
                if (action.Remedy is { } remedy)
                {
                    text.AppendLine($"               Fix: {remedy}");
                }
            }

            if (result.Executed)
            {
                text.AppendLine(alarm.RestoredState is { } restored
                    ? $"    state set back to {restored}"
                    : $"    NOT RESTORED: {alarm.Error}");
                if (alarm.RestoredState is not null && alarm.Error is { } error)
                {
                    text.AppendLine($"    {error}");
                }
            }
        }

        if (result.Skipped.Count > 0)
        {
            text.AppendLine(Invariant($"Skipped ({result.Skipped.Count}), not touched:"));
            foreach (var skipped in result.Skipped)
            {
                text.AppendLine($"  - {skipped.AlarmName}: {skipped.Reason}");
            }
        }

        foreach (var glob in result.UnmatchedGlobs)
        {
            text.AppendLine($"--alarm '{glob}' matched no alarm.");
        }

        if (result.Warnings.Count > 0)
        {
            text.AppendLine(Invariant($"Warnings ({result.Warnings.Count}):"));
            WarningLines.Append(text, result.Warnings, TextStyle.Plain, "  ");
        }

        if (result.Delivery is { } delivery)
        {
            text.AppendLine(delivery.CleanedUp
                ? Invariant($"Delivery check: queue {delivery.QueueUrl} and {Count(delivery.Subscriptions.Count, "subscription")} created and removed again.")
                : Invariant($"Delivery check: NOT everything was removed: {string.Join("; ", delivery.Problems)}"));
        }

        if (result.Executed)
        {
            text.AppendLine(Invariant($"Result: {result.Count(ActionOutcome.Delivered)} delivered, {result.Count(ActionOutcome.Failed)} failed, {result.Count(ActionOutcome.Unknown)} unknown{(result.Interrupted ? " (interrupted)" : string.Empty)}."));
            if (result.Alarms.Count == 0)
            {
                text.AppendLine("Nothing was drilled: no owned alarm of the policies matched.");
            }
        }

        return text.ToString();
    }

    private static string Word(ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.Delivered => "delivered",
        ActionOutcome.Failed => "FAILED",
        _ => "unknown",
    };

    private static string Count(int count, string noun) => Invariant($"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
