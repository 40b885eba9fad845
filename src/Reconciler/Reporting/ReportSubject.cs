using System.Text;

namespace Reconciler.Reporting;

/// <summary>
/// The SNS Subject (and the first line of the text report): the outcome, the counts that matter, account and region,
/// e.g. "Drift: 3 corrected, 1 failed in 123456789012 us-east-1". SNS requires fewer than 100 characters of ASCII
/// without line breaks or control characters; <see cref="For"/> guarantees that whatever the inputs.
/// </summary>
internal static class ReportSubject
{
    /// <summary>SNS rejects subjects of 100 characters or more.</summary>
    public const int MaxLength = 99;

    /// <summary>The subject of a report.</summary>
    public static string For(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var subject = Sanitize($"{Headline(report)} in {report.AccountId} {report.Region}");

        // The headline comes first, so cutting the end loses the place before it loses the outcome.
        return subject.Length <= MaxLength ? subject : subject[..(MaxLength - 3)] + "...";
    }

    /// <summary>The subject without account and region: "Drift: 3 corrected, 1 failed".</summary>
    internal static string Headline(RunReport report)
    {
        var s = report.Summary;
        var r = s.Resources;
        var drift = r.Corrected + r.Failed + r.Pending + r.Drifted + r.Conflict + s.Conflicts;
        if (s.Outcome == ReportOutcome.InSync)
        {
            return $"In sync: {ChangeLines.Count(r.Total - r.Excluded, "resource", "resources")}";
        }

        if (drift == 0 && s.Errors > 0)
        {
            return $"Run failed: {ChangeLines.Count(s.Errors, "error", "errors")}";
        }

        var parts = new List<string>();
        if (report.Mode is RunMode.Audit or RunMode.DryRun && r.Failed == 0 && r.Corrected == 0)
        {
            var mode = report.Mode == RunMode.Audit ? "audit" : "dry run";
            parts.Add(ChangeLines.Count(s.Changes.Planned, "change", "changes"));
            AddCount(parts, r.Pending, "pending", "pending");
            AddCount(parts, Math.Max(r.Conflict, s.Conflicts), "conflict", "conflicts");
            AddCount(parts, s.Errors, "error", "errors");
            return $"Drift found ({mode}): {string.Join(", ", parts)}";
        }

        AddCount(parts, r.Corrected, "corrected", "corrected");
        AddCount(parts, r.Failed, "failed", "failed");
        AddCount(parts, r.Pending, "pending", "pending");
        AddCount(parts, r.Drifted, "not corrected", "not corrected");
        AddCount(parts, Math.Max(r.Conflict, s.Conflicts), "conflict", "conflicts");
        AddCount(parts, s.Errors, "error", "errors");
        return $"Drift: {string.Join(", ", parts)}";
    }

    private static void AddCount(List<string> parts, int count, string singular, string plural)
    {
        if (count > 0)
        {
            parts.Add(ChangeLines.Count(count, singular, plural));
        }
    }

    /// <summary>Printable ASCII only, runs of whitespace and control characters collapsed to one space.</summary>
    internal static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var printable = c is >= ' ' and <= '~';
            var next = printable ? c : char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : '?';
            if (next == ' ' && (result.Length == 0 || result[^1] == ' '))
            {
                continue;
            }

            result.Append(next);
        }

        return result.ToString().TrimEnd();
    }
}
