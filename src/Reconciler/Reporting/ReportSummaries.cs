namespace Reconciler.Reporting;

/// <summary>Counts a report's entries and changes into its <see cref="ReportSummary"/>.</summary>
internal static class ReportSummaries
{
    /// <summary>The summary of these policies' entries, conflicts and run-level errors.</summary>
    public static ReportSummary Compute(IReadOnlyList<PolicyReport> policies, int conflicts, int errors)
    {
        var entries = policies.SelectMany(p => p.Entries).ToList();
        var changes = entries.SelectMany(e => e.Changes).ToList();
        int Entries(EntryStatus status) => entries.Count(e => e.Status == status);
        int Changes(ReportChangeStatus status) => changes.Count(c => c.Status == status);

        var resources = new EntryCounts(
            entries.Count,
            Entries(EntryStatus.InSync),
            Entries(EntryStatus.Corrected),
            Entries(EntryStatus.Drifted),
            Entries(EntryStatus.Failed),
            Entries(EntryStatus.Pending),
            Entries(EntryStatus.Conflict),
            Entries(EntryStatus.Excluded),
            Entries(EntryStatus.Unknown));
        var changeCounts = new ChangeCounts(
            changes.Count,
            Changes(ReportChangeStatus.Applied),
            Changes(ReportChangeStatus.Failed),
            Changes(ReportChangeStatus.Pending),
            Changes(ReportChangeStatus.Skipped),
            Changes(ReportChangeStatus.Planned));

        var outcome =
            resources.Failed > 0 || changeCounts.Failed > 0 || errors > 0 ? ReportOutcome.Failed
            : resources.Drifted + resources.Pending + resources.Conflict + conflicts > 0 ? ReportOutcome.Drifted
            : resources.Corrected > 0 ? ReportOutcome.Corrected
            : ReportOutcome.InSync;
        return new ReportSummary(outcome, resources, changeCounts, conflicts, errors);
    }
}
