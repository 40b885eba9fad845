namespace Reconciler.Reporting;

/// <summary>
/// Cuts a report down to a number of entries, keeping the bad news first: failed, then conflict, then pending
/// entries, then drifted, corrected, excluded and in-sync ones. The summary keeps counting everything.
/// </summary>
internal static class ReportTruncator
{
    /// <summary>
    /// Renders the report whole if that fits in <paramref name="maxBytes"/> of UTF-8, else with as many of its most
    /// important entries as fit (binary search: the size grows with every entry kept). Null when not even the
    /// report without entries fits. <paramref name="omitted"/> says how many entries were left out.
    /// </summary>
    public static string? RenderWithin(RunReport report, int maxBytes, Func<RunReport, string> render, out int omitted)
    {
        var whole = render(report);
        omitted = 0;
        if (System.Text.Encoding.UTF8.GetByteCount(whole) <= maxBytes)
        {
            return whole;
        }

        var total = EntryCount(report);
        var (low, high) = (0, total - 1);
        string? best = null;
        var bestKept = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = render(Keep(report, middle));
            if (System.Text.Encoding.UTF8.GetByteCount(candidate) <= maxBytes)
            {
                (best, bestKept, low) = (candidate, middle, middle + 1);
            }
            else
            {
                high = middle - 1;
            }
        }

        omitted = best is null ? total : total - bestKept;
        return best;
    }

    /// <summary>How many entries the report holds.</summary>
    public static int EntryCount(RunReport report) => report.Policies.Sum(p => p.Entries.Count);

    /// <summary>The report with only the <paramref name="keep"/> most important entries (all when keep ≥ count).</summary>
    public static RunReport Keep(RunReport report, int keep)
    {
        var total = EntryCount(report);
        if (keep >= total)
        {
            return report;
        }

        var kept = report.Policies
            .SelectMany((policy, p) => policy.Entries.Select((entry, e) => (Policy: policy.Name, P: p, E: e, Entry: entry)))
            .OrderBy(x => Priority(x.Entry.Status))
            .ThenBy(x => x.P)
            .ThenBy(x => x.E)
            .Take(Math.Max(0, keep))
            .Select(x => (x.Policy, x.Entry.Kind, x.Entry.Name))
            .ToHashSet();
        var keptNames = kept.Select(k => (k.Policy, k.Name)).ToHashSet();

        return report with
        {
            Policies = [.. report.Policies.Select(p => p with { Entries = [.. p.Entries.Where(e => kept.Contains((p.Name, e.Kind, e.Name)))] })],
            Pending = [.. report.Pending.Where(w => kept.Contains((w.Policy, w.Kind, w.Target)))],
            Conflicts = [.. report.Conflicts.Where(c => c.Policies.Any(p => keptNames.Contains((p, c.Target))))],
            Truncated = new ReportTruncation(total - kept.Count),
        };
    }

    private static int Priority(EntryStatus status) => status switch
    {
        EntryStatus.Failed => 0,
        EntryStatus.Conflict => 1,
        EntryStatus.Pending => 2,
        EntryStatus.Drifted => 3,
        EntryStatus.Corrected => 4,
        EntryStatus.Excluded => 5,
        _ => 6,
    };
}
