namespace Reconciler.Reporting;

/// <summary>
/// Cuts a report down to a number of entries, keeping the bad news first: failed, then conflict, then pending
/// entries, then drifted, corrected, excluded and in-sync ones. The summary keeps counting everything.
/// </summary>
internal static class ReportTruncator
{
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
