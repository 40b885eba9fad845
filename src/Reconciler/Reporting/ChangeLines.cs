using System.Text;
using Reconciler.Kinds;

namespace Reconciler.Reporting;

/// <summary>
/// The change-line vocabulary shared by the plan and the report renderers, so a person who has read one reads the
/// other: "+ create", "~ update", "- delete", "! conflict", then the kind and the name, then the fields.
/// </summary>
internal static class ChangeLines
{
    /// <summary>Reports are read in 80-column email clients.</summary>
    public const int Width = 80;

    /// <summary>"lambda", "apigateway", "log group", "alarm" or "dashboard": the registered kind's label.</summary>
    public static string KindLabel(EntryKind kind) => ManagedKinds.LabelOf(kind);

    /// <summary>The coloured one-character action symbol.</summary>
    public static string Symbol(ReportChangeAction action, TextStyle style) => action switch
    {
        ReportChangeAction.Create => style.Green("+"),
        ReportChangeAction.Update => style.Yellow("~"),
        _ => style.Red("-"),
    };

    /// <summary>
    /// Appends one change: a single field goes on the header line when it fits
    /// ("~ lambda ManageProjects  tracing: PassThrough -> Active"), more go one per line below it; a new alarm's
    /// <paramref name="alarmSummary"/> (<see cref="AlarmSummary"/>) replaces its fields.
    /// </summary>
    public static void Append(
        StringBuilder text,
        string indent,
        ReportChangeAction action,
        EntryKind kind,
        string name,
        IReadOnlyList<ReportFieldChange> fields,
        string? suffix,
        string? alarmSummary,
        TextStyle style)
    {
        var header = $"{indent}{Symbol(action, style)} {KindLabel(kind)} {name}";
        var plainHeaderLength = indent.Length + 2 + KindLabel(kind).Length + 1 + name.Length;
        if (alarmSummary is { } summary)
        {
            // A new alarm in one line a person can check at a glance; every field is in the JSON report.
            text.Append(header).Append(suffix is null ? string.Empty : $"  ({suffix})").Append('\n');
            AppendWrapped(text, indent + "      ", summary);
            return;
        }

        var shownFields = action == ReportChangeAction.Delete ? [] : fields;
        var suffixText = suffix is null ? string.Empty : $"  ({suffix})";
        if (shownFields.Count == 1)
        {
            var field = FieldText(action, shownFields[0]);
            if (plainHeaderLength + 2 + field.Length + suffixText.Length <= Width)
            {
                text.Append(header).Append("  ").Append(field).Append(suffixText).Append('\n');
                return;
            }
        }

        text.Append(header).Append(suffixText).Append('\n');
        foreach (var field in shownFields)
        {
            AppendWrapped(text, indent + "      ", FieldText(action, field));
        }
    }

    /// <summary>A change's caution (it cannot be undone), on its own line below the change; nothing when null.</summary>
    public static void AppendCaution(StringBuilder text, string? caution, TextStyle style)
    {
        if (caution is not null)
        {
            AppendWrapped(text, $"      {style.Red("!")} ", caution, "        ");
        }
    }

    /// <summary>"field: before -> after" for updates, "field: value" for creations.</summary>
    public static string FieldText(ReportChangeAction action, ReportFieldChange field) =>
        action == ReportChangeAction.Create && field.Before is null
            ? $"{field.Field}: {Value(field.After)}"
            : $"{field.Field}: {Value(field.Before)} -> {Value(field.After)}";

    /// <summary>
    /// Word-wraps <paramref name="words"/> at <see cref="Width"/> columns: the first line starts with
    /// <paramref name="indent"/>, the next ones with <paramref name="hangingIndent"/> (default: the same).
    /// A word longer than a line (an ARN, an alarm name) is never broken.
    /// </summary>
    public static void AppendWrapped(StringBuilder text, string indent, string words, string? hangingIndent = null)
    {
        var line = new StringBuilder(indent);
        var lineIndent = indent;
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > lineIndent.Length && line.Length + 1 + word.Length > Width)
            {
                text.Append(line).Append('\n');
                lineIndent = hangingIndent ?? indent;
                line.Clear().Append(lineIndent);
            }

            if (line.Length > lineIndent.Length)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        text.Append(line).Append('\n');
    }

    /// <summary>"1 conflict", "2 conflicts".</summary>
    public static string Count(int count, string singular, string plural) =>
        $"{count} {(count == 1 ? singular : plural)}";

    private static string Value(string? value) => value ?? "(none)";
}
