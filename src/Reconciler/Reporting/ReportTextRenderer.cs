using System.Globalization;
using System.Text;

namespace Reconciler.Reporting;

/// <summary>
/// The human report: readable in ten seconds in an 80-column email. The first line is the outcome (the same words
/// as the SNS subject); then what failed and why (with the AWS error code), what changed, what is pending, conflicts
/// and run errors; then the details per policy. No colour unless a <see cref="TextStyle"/> asks for it. Pure.
/// </summary>
internal static class ReportTextRenderer
{
    /// <summary>The report as text.</summary>
    public static string Render(RunReport report, TextStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        style ??= TextStyle.Plain;
        var text = new StringBuilder();
        AppendHeader(text, report, style);
        AppendFailures(text, report, style);
        AppendChanges(text, report, style);
        AppendPending(text, report, style);
        AppendDrift(text, report, style);
        AppendConflicts(text, report, style);
        AppendErrors(text, report, style);
        AppendPolicies(text, report, style);
        AppendFooter(text, report);
        return text.ToString();
    }

    private static void AppendHeader(StringBuilder text, RunReport report, TextStyle style)
    {
        var r = report.Summary.Resources;
        var c = report.Summary.Changes;
        ChangeLines.AppendWrapped(text, string.Empty, style.Bold(ReportSubject.Sanitize(ReportSubject.Headline(report))));
        text.Append($"Account {report.AccountId}, region {report.Region}, {ModeLabel(report.Mode)} mode\n");
        var seconds = (long)Math.Max(0, (report.FinishedAt - report.StartedAt).TotalSeconds);
        text.Append($"Run {report.RunId} at {Timestamp(report.StartedAt)}, took {seconds} s\n");
        ChangeLines.AppendWrapped(text, string.Empty, $"Resources: {r.Total} checked" + Counts(
            (r.InSync, "in sync"), (r.Corrected, "corrected"), (r.Failed, "failed"), (r.Pending, "pending"),
            (r.Drifted, "drifted (not corrected)"), (r.Conflict, "in conflict"), (r.Unknown, "unknown (not fully read)"), (r.Excluded, "excluded")), "  ");
        ChangeLines.AppendWrapped(text, string.Empty, $"Changes: {c.Total} planned" + Counts(
            (c.Applied, "applied"), (c.Failed, "failed"), (c.Pending + c.Skipped, "pending"),
            (c.Planned, "not applied (audit or dry run)")), "  ");
        if (report.StopReason is { } stop)
        {
            text.Append($"Stopped early: {StopLabel(stop)}. The next run picks up the rest.\n");
        }
    }

    private static void AppendFailures(StringBuilder text, RunReport report, TextStyle style)
    {
        var failed = Changes(report, ReportChangeStatus.Failed).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        Heading(text, style, $"FAILED ({failed.Count}): not changed; the next run tries again");
        foreach (var (policy, entry, change) in failed)
        {
            ChangeLines.Append(text, "  ", change.Action, entry.Kind, entry.Name, change.Fields, null, change.Summary, style);
            ChangeLines.AppendCaution(text, change.Caution, style);
            var code = change.ErrorCode is null ? "failed" : $"failed with {change.ErrorCode}";
            ChangeLines.AppendWrapped(text, "      ", $"{style.Red(change.Operation + " " + code)}: {change.Message ?? "no message"} (policy {policy})");
        }
    }

    private static void AppendChanges(StringBuilder text, RunReport report, TextStyle style)
    {
        var applied = Changes(report, ReportChangeStatus.Applied).ToList();
        if (applied.Count == 0)
        {
            return;
        }

        Heading(text, style, $"CHANGED ({applied.Count})");
        foreach (var (_, entry, change) in applied)
        {
            ChangeLines.Append(text, "  ", change.Action, entry.Kind, entry.Name, change.Fields, null, change.Summary, style);
            ChangeLines.AppendCaution(text, change.Caution, style);

            // Applied with reservations: CloudWatch's dashboard warnings, or a field it stored otherwise than sent.
            if (change.Message is { } warning)
            {
                ChangeLines.AppendWrapped(text, "      ", $"{style.Yellow("warning:")} {warning}", "        ");
            }
        }
    }

    private static void AppendPending(StringBuilder text, RunReport report, TextStyle style)
    {
        if (report.Pending.Count == 0)
        {
            return;
        }

        Heading(text, style, $"PENDING ({report.Pending.Count}): the next run picks these up");
        foreach (var pending in report.Pending)
        {
            text.Append($"  {ChangeLines.Symbol(pending.Action, style)} {ChangeLines.KindLabel(pending.Kind)} {pending.Target}\n");
            ChangeLines.AppendWrapped(text, "      ", pending.Reason);
        }
    }

    private static void AppendDrift(StringBuilder text, RunReport report, TextStyle style)
    {
        var planned = Changes(report, ReportChangeStatus.Planned).ToList();
        if (planned.Count == 0)
        {
            return;
        }

        Heading(text, style, $"DRIFT NOT CORRECTED ({planned.Count}): audit mode or dry run");
        foreach (var (_, entry, change) in planned)
        {
            ChangeLines.Append(text, "  ", change.Action, entry.Kind, entry.Name, change.Fields, null, change.Summary, style);
            ChangeLines.AppendCaution(text, change.Caution, style);
        }
    }

    private static void AppendConflicts(StringBuilder text, RunReport report, TextStyle style)
    {
        if (report.Conflicts.Count == 0)
        {
            return;
        }

        Heading(text, style, $"CONFLICTS ({report.Conflicts.Count}): left alone; a person decides");
        foreach (var conflict in report.Conflicts)
        {
            text.Append($"  {style.Magenta("!")} conflict {conflict.Target}\n");
            ChangeLines.AppendWrapped(text, "      ", $"{conflict.Kind} (policy {string.Join(", ", conflict.Policies)}): {conflict.Reason}");
        }
    }

    private static void AppendErrors(StringBuilder text, RunReport report, TextStyle style)
    {
        if (report.Errors.Count > 0)
        {
            Heading(text, style, $"ERRORS ({report.Errors.Count}): steps that failed; their resources were not checked");
            foreach (var error in report.Errors)
            {
                var where = error.Policy is null ? error.Step : $"{error.Step} for policy {error.Policy}";
                var call = error.Operation is null ? string.Empty : $" ({error.Service} {error.Operation}{(error.ErrorCode is null ? string.Empty : " " + error.ErrorCode)})";
                ChangeLines.AppendWrapped(text, "  ", $"{style.Red("!")} {where}{call}: {error.Message}", "    ");
            }
        }

        if (report.Warnings.Count > 0)
        {
            Heading(text, style, $"WARNINGS ({report.Warnings.Count}): notification paths that would reach nobody; nothing was changed for them");
            WarningLines.Append(text, report.Warnings, style, "  ");
        }

        if (report.Notices.Count > 0)
        {
            Heading(text, style, "NOTES");
            foreach (var notice in report.Notices)
            {
                ChangeLines.AppendWrapped(text, "  ", $"{notice.Policy}: {notice.Message}", "    ");
            }
        }
    }

    private static void AppendPolicies(StringBuilder text, RunReport report, TextStyle style)
    {
        if (report.Policies.Count == 0)
        {
            return;
        }

        Heading(text, style, "POLICIES");
        foreach (var policy in report.Policies)
        {
            text.Append($"  {policy.Name} ({ModeLabel(policy.Mode)}, {policy.Source})\n");
            foreach (var entry in policy.Entries.Where(e => e.Status is not (EntryStatus.InSync or EntryStatus.Excluded)))
            {
                text.Append($"    {StatusLabel(entry.Status),-10} {ChangeLines.KindLabel(entry.Kind)} {entry.Name}\n");
            }

            AppendNames(text, "in sync", policy.Entries.Where(e => e.Status == EntryStatus.InSync));
            AppendNames(text, "excluded", policy.Entries.Where(e => e.Status == EntryStatus.Excluded));
        }
    }

    // In-sync and excluded resources are listed by name only: they need no action, and an app has many of them.
    private static void AppendNames(StringBuilder text, string label, IEnumerable<ReportEntry> entries)
    {
        var names = entries.Select(e => e.Name).ToList();
        if (names.Count > 0)
        {
            ChangeLines.AppendWrapped(text, "    ", $"{label} ({names.Count}): {string.Join(", ", names)}", "      ");
        }
    }

    private static void AppendFooter(StringBuilder text, RunReport report)
    {
        text.Append('\n');
        if (report.ApiCalls.Count > 0)
        {
            var calls = report.ApiCalls.Sum(c => c.Calls);
            var writes = report.ApiCalls.Where(c => c.Write).Sum(c => c.Calls);
            var retries = report.ApiCalls.Sum(c => c.Retries);
            var throttles = report.ApiCalls.Sum(c => c.Throttles);
            var failures = report.ApiCalls.Sum(c => c.Failures);
            text.Append($"AWS calls: {calls} ({writes} writes), {retries} retries, {throttles} throttled, {failures} failed\n");
        }

        if (report.Truncated is { } truncated)
        {
            text.Append($"{truncated.OmittedEntries} more entries left out; run `reconciler plan` for the full list\n");
        }
    }

    // Zero counts are noise for a reader in a hurry: ": 3 in sync, 1 failed", or nothing at all.
    private static string Counts(params (int Count, string Label)[] counts)
    {
        var parts = counts.Where(c => c.Count > 0).Select(c => $"{c.Count} {c.Label}").ToList();
        return parts.Count == 0 ? string.Empty : ": " + string.Join(", ", parts);
    }

    private static IEnumerable<(string Policy, ReportEntry Entry, ReportChange Change)> Changes(RunReport report, ReportChangeStatus status) =>
        from policy in report.Policies
        from entry in policy.Entries
        from change in entry.Changes
        where change.Status == status
        select (policy.Name, entry, change);

    private static void Heading(StringBuilder text, TextStyle style, string heading) =>
        text.Append('\n').Append(style.Bold(heading)).Append('\n');

    private static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ModeLabel(RunMode mode) => mode switch
    {
        RunMode.Enforce => "enforce",
        RunMode.Audit => "audit",
        _ => "dry run",
    };

    private static string StatusLabel(EntryStatus status) => status switch
    {
        EntryStatus.InSync => "in sync",
        EntryStatus.Corrected => "corrected",
        EntryStatus.Drifted => "drifted",
        EntryStatus.Failed => "FAILED",
        EntryStatus.Pending => "pending",
        EntryStatus.Conflict => "conflict",
        EntryStatus.Unknown => "unknown",
        EntryStatus.Excluded => "excluded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown entry status"),
    };

    private static string StopLabel(ReportStopReason stop) => stop switch
    {
        ReportStopReason.Deadline => "the run's deadline came near",
        ReportStopReason.ChangeBudget => "maxChangesPerRun was reached",
        ReportStopReason.ErrorRatio => "too many changes failed, so the run stopped writing",
        _ => "the run was cancelled",
    };
}
